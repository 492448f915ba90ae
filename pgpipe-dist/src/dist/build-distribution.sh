#!/usr/bin/env bash
# Builds the self-contained distribution (called by the pgpipe-dist module in `./mvnw -Pdist package`):
#   JDK        the JDK whose jdeps and jlink make the runtime
#   JAR        the application (the command line with its libraries, linux-x64 natives only)
#   DIST_SRC   this directory (bin/pgpipe, README.txt)
#   OUT        the distribution's folder, made afresh: bin/ lib/ runtime/
#   ARCHIVE    the .tar.gz to write; its single top folder is OUT's name
set -euo pipefail
jdk=$1 jar=$2 src=$3 out=$4 archive=$5

# Modules jdeps cannot see because code reaches them by name or reflection at run time:
#   jdk.security.auth  the embedded PostgreSQL asks com.sun.security.auth.module.UnixSystem for the
#                      uid; without it, it cannot tell it runs as root and initdb refuses to start
#   jdk.httpserver     the metrics and health endpoint (--metrics-port)
#   java.net.http      the Databento historical API
#   jdk.unsupported    sun.misc.Unsafe users among the libraries
#   jdk.naming.dns     DNS look-ups through JNDI
#   jdk.management     the JVM's management beans, for metrics
extra=jdk.security.auth,jdk.httpserver,java.net.http,jdk.unsupported,jdk.naming.dns,jdk.management

found=$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 21 -q "$jar")
modules="$found,$extra"
echo "pgpipe-dist: runtime modules $modules"

rm -rf "$out"
mkdir -p "$out/lib" "$out/bin"
"$jdk/bin/jlink" --add-modules "$modules" --output "$out/runtime" \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6 --generate-cds-archive
cp "$jar" "$out/lib/pgpipe.jar"
cp "$src/bin/pgpipe" "$out/bin/pgpipe"
chmod 755 "$out/bin/pgpipe"
cp "$src/README.txt" "$out/README.txt"
printf '%s\n' "$modules" > "$out/runtime/pgpipe-modules.txt"

tar -C "$(dirname "$out")" -czf "$archive" "$(basename "$out")"
echo "pgpipe-dist: $archive ($(du -h "$archive" | cut -f1))"
