/**
 * Per-host pools: netctl's allocations of one /27 (the configured block size) per node from the
 * configured ranges, and the Calico objects that make each pool live.
 *
 * <p>An allocation is one atomic transaction that creates netctl's record ({@code
 * /netctl/v1/allocations/<node>}), its indexes by CIDR and host IP, and Calico's IPPool, IPAM
 * block and confirmed block affinity, every key guarded by "does not exist yet".
 *
 * <p>Planning and committing are split as the BGP FSM and its session are: {@link
 * io.netctl.ipam.AllocationPlanner} plans allocations, releases and the pools report as pure
 * functions of a consistent read ({@link io.netctl.ipam.AllocationView}, {@link
 * io.netctl.ipam.IpamState}) and {@code now}, so it is tested without a store or a clock; {@link
 * io.netctl.ipam.Allocator} reads, commits, retries after a lost compare, keeps the pools its
 * threads are committing apart ({@link io.netctl.ipam.InFlightPools}), and takes time only from
 * its injected clock. Refusals carry a {@link io.netctl.ipam.RefusedException.Reason}.
 */
package io.netctl.ipam;
