/**
 * Per-host pools: netctl's allocations of one /27 (the configured block size) per node from the
 * configured ranges, and the Calico objects that make each pool live.
 *
 * <p>An allocation is one atomic transaction that creates netctl's record ({@code
 * /netctl/v1/allocations/<node>}), its indexes by CIDR and host IP, and Calico's IPPool, IPAM
 * block and confirmed block affinity, every key guarded by "does not exist yet" ({@link
 * io.netctl.ipam.Allocator}). Planning is a pure function of a consistent read ({@link
 * io.netctl.ipam.IpamState}) so it can be tested without a store.
 */
package io.netctl.ipam;
