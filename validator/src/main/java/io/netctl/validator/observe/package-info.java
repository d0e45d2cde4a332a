/**
 * Observations of a host's BGP and routing state, parsed at the edge into records: the kernel's
 * TCP table ({@code /proc/net/tcp}, {@code /proc/net/tcp6}: which port-179 sessions exist), BIRD's
 * control socket ({@code show protocols all}: what {@code calicoctl node status} reads) and the
 * kernel's routing table ({@code ip -json route}). Used by {@code netctl agent} on every node and by
 * {@code netctl check} on the host it runs on; nothing here decides what is wrong.
 */
package io.netctl.validator.observe;
