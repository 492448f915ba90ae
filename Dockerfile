# pgpipe container image: the self-contained distribution (jlink runtime + application) on a slim base.
#
#   docker build -t pgpipe .
#   docker run --rm pgpipe --help
#
# Stage 1 builds the distribution with the project's own build (./mvnw -Pdist package); stage 2 is
# debian-slim with nothing but the unpacked distribution, run as the unprivileged user `pgpipe`.
# The health check asks the running command's metrics endpoint (pgpipe-cli's MetricsServer) for
# /health with bash alone (its /dev/tcp, head and grep: the slim base has them, and neither curl nor
# wget). PGPIPE_METRICS_PORT=9464 turns the endpoint on for the commands that have one (cdc, sink,
# replicate, buffer process, live, load), as `--metrics-port 9464` would; it listens on 127.0.0.1
# unless PGPIPE_METRICS_HOST says otherwise (0.0.0.0 for a Prometheus outside the container). Other
# commands (sql, verify, --help) serve none, so the check reports them unhealthy while they run.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -Pdist -pl pgpipe-dist -am package -DskipTests -Dpit.skip \
 && mkdir /dist \
 && tar -xzf pgpipe-dist/target/pgpipe-*-linux-x64.tar.gz -C /dist --strip-components=1

FROM debian:bookworm-slim
RUN groupadd --system --gid 10001 pgpipe \
 && useradd --system --uid 10001 --gid pgpipe --home-dir /var/lib/pgpipe --create-home pgpipe
COPY --from=build /dist /opt/pgpipe
ENV PATH=/opt/pgpipe/bin:$PATH \
    PGPIPE_HOME=/var/lib/pgpipe \
    PGPIPE_METRICS_PORT=9464
USER pgpipe
WORKDIR /var/lib/pgpipe
EXPOSE 9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PGPIPE_METRICS_PORT} && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/opt/pgpipe/bin/pgpipe"]
CMD ["--help"]
