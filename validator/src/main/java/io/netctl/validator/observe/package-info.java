/**
 * Observations of the live network for the checks: the kernel's TCP table ({@link
 * io.netctl.validator.observe.TcpTable}, port-179 sessions), BIRD's control socket ({@link
 * io.netctl.validator.observe.BirdControlSocket}), kernel routes, and netctl's own BGP monitor
 * sessions to the route reflectors ({@link io.netctl.validator.observe.MonitorSessions}).
 */
package io.netctl.validator.observe;
