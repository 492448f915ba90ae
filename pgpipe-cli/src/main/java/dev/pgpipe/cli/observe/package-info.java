/**
 * Observability of the long-running commands: the Prometheus registry their meters reach through
 * Micrometer's global registry, the {@code /metrics}, {@code /health} and {@code /ready} endpoint
 * ({@code --metrics-port}), readiness probes of each component, and JSON log lines ({@code
 * --log-format json}).
 */
@NullMarked
package dev.pgpipe.cli.observe;

import org.jspecify.annotations.NullMarked;
