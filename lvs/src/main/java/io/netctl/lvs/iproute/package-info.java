/**
 * The iproute2 adapter, the only code in netctl that runs {@code ip}: {@link
 * io.netctl.lvs.iproute.IprouteTable} lists routes with {@code ip -4 -d -N -json route show table
 * all} ({@link io.netctl.lvs.iproute.IprouteJson} parses it, protocol and type as numbers or as
 * names) and applies changes with one {@code ip -force -batch -} ({@link
 * io.netctl.lvs.iproute.IprouteBatch} writes the lines and reads back which failed), optionally in
 * a network namespace ({@code ip -n NS}).
 */
package io.netctl.lvs.iproute;
