/**
 * Prometheus metrics and the health endpoints of the long-running commands: {@link
 * io.netctl.cli.metrics.NetctlMetrics} (micrometer's Prometheus registry; Prometheus names with
 * units and {@code _total}) and {@link io.netctl.cli.metrics.MetricsServer} (the JDK's HTTP server:
 * {@code /metrics}, {@code /healthz}, {@code /readyz}).
 */
package io.netctl.cli.metrics;
