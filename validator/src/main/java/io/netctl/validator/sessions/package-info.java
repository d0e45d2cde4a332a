/**
 * Session checks: the BGP sessions a host must have by the topology (a node: one to every route
 * reflector; a route reflector: one with every node that has an allocation, every other
 * reflector and every core switch) against what BIRD's control socket or the kernel's TCP table
 * shows.
 */
package io.netctl.validator.sessions;
