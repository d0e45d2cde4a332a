/**
 * Keeping a director's table equal to the allocations: {@link io.netctl.lvs.sync.PoolAllocations}
 * reads them from the datastore, {@link io.netctl.lvs.sync.RouteSync} plans and applies one pass
 * (re-reading the table when the kernel refused a change, so its report is what is in place), and
 * {@link io.netctl.lvs.sync.RouteWatcher} runs passes on every allocation change and periodically.
 */
package io.netctl.lvs.sync;
