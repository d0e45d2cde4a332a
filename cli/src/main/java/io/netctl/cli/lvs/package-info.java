/**
 * Commands of the LVS area: {@code netctl lvs plan|sync|coverage} over the lvs module's planner and
 * iproute2 adapter.
 */
package io.netctl.cli.lvs;
