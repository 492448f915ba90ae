# Sourced by ./mvnw and ./pgpipe: exports JAVA_HOME as a JDK 21 or newer.
#
# Keeps the caller's JAVA_HOME (or the `java` on PATH) when it is already 21+; otherwise picks the
# newest JDK 21+ found in the standard places. Stops with a message when there is none.

pgpipe_java_feature() { # prints the feature version of the JDK at $1 (e.g. 17, 21, 25), or nothing
  local release_file="$1/release" version=""
  if [ -r "$release_file" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$release_file")
  elif [ -x "$1/bin/java" ]; then
    version=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  version=${version#1.}
  printf '%s' "${version%%[.+-]*}"
}

pgpipe_select_jdk() {
  local candidate best="" best_feature=0 feature
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    feature=$(pgpipe_java_feature "$JAVA_HOME")
    [ "${feature:-0}" -ge 21 ] && return 0
  elif command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    feature=$(pgpipe_java_feature "$candidate")
    if [ "${feature:-0}" -ge 21 ]; then export JAVA_HOME="$candidate"; return 0; fi
  fi
  # PGPIPE_JDK_DIRS (space-separated globs) replaces the standard places.
  for candidate in ${PGPIPE_JDK_DIRS:-/usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
      $HOME/.sdkman/candidates/java/* $HOME/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home}; do
    [ -x "$candidate/bin/javac" ] || continue
    feature=$(pgpipe_java_feature "$candidate")
    if [ "${feature:-0}" -gt "$best_feature" ]; then best="$candidate"; best_feature="$feature"; fi
  done
  if [ "$best_feature" -ge 21 ]; then export JAVA_HOME="$best"; return 0; fi
  echo "pgpipe needs a JDK 21 or newer, and none was found." >&2
  echo "Looked at JAVA_HOME, the javac on PATH, /usr/lib/jvm, /usr/java, /opt/java, ~/.sdkman and ~/.jdks." >&2
  echo "Install one (e.g. 'apt-get install openjdk-21-jdk-headless') or set JAVA_HOME to it." >&2
  return 1
}

case $- in *f*) pgpipe_noglob=1; set +f ;; *) pgpipe_noglob=0 ;; esac
pgpipe_select_jdk || exit 1
[ "$pgpipe_noglob" = 1 ] && set -f
unset pgpipe_noglob
