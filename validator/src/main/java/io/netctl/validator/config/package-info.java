/**
 * Configuration checks: the datastore against itself and against netctl.yaml — allocations and
 * their Calico objects, orphans in the managed ranges, overlaps, host IPs, and the Calico BGP
 * configuration (one AS, mesh off, a global peer per route reflector).
 */
package io.netctl.validator.config;
