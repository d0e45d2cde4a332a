/**
 * LVS director routes: for every allocation with a host IP, {@code <pool> via <hostIp>} in each
 * director's kernel routing table; the desired routes, the kernel's routes, the diff between
 * them, and applying it.
 */
package io.netctl.lvs;
