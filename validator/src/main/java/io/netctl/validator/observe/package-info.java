/**
 * Observations of the live network for the checks, each behind a small source interface the
 * {@link io.netctl.validator.Checker} reads: BIRD's control socket ({@link
 * io.netctl.validator.observe.BirdSource}), the kernel's TCP table ({@link
 * io.netctl.validator.observe.TcpSource}, port-179 sessions), kernel routing tables ({@link
 * io.netctl.validator.observe.RouteTableSource}, through the lvs module's iproute2 adapter),
 * netctl's own BGP monitor sessions to the route reflectors ({@link
 * io.netctl.validator.observe.MonitorSource}: one-shot {@link
 * io.netctl.validator.observe.MonitorSessions} or the controller's {@link
 * io.netctl.validator.observe.LiveMonitorSessions}) and the reflectors' BMP feeds ({@link
 * io.netctl.validator.observe.BmpSource}). Sessions as metrics show them are {@link
 * io.netctl.validator.observe.PeerSession}s. What a session advertised about graceful restart
 * (from an OPEN or BIRD) is {@link io.netctl.validator.observe.RestartCapabilities}; a run, or a
 * long-running process, remembers it as last seen up in a {@link
 * io.netctl.validator.observe.RestartMemory}.
 */
package io.netctl.validator.observe;
