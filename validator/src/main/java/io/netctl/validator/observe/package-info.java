/**
 * Observations of the live network for the checks: netctl's own BGP monitor sessions to the route
 * reflectors, the kernel's TCP table, BIRD's control socket.
 */
package io.netctl.validator.observe;
