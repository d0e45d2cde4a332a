/**
 * Session checks: the BGP sessions a host must have by the topology (a node: one to every route
 * reflector; a route reflector: one with every node that has an allocation, every other
 * reflector and every core switch) against what BIRD's control socket or the kernel's TCP table
 * shows; graceful restart (RFC 4724) on node–reflector sessions ({@link
 * io.netctl.validator.sessions.GracefulRestartChecks}) from BIRD's capabilities or a BMP Peer Up's
 * OPENs.
 */
package io.netctl.validator.sessions;
