/**
 * Adj-RIB-In (RFC 4271 §3.2): the routes one peer advertised, announce and withdraw applied in
 * message order, for IPv4 and IPv6 unicast. Path attributes are interned ({@link
 * io.netctl.bgp.rib.AttributeInterner}) so a full table sharing a few attribute sets costs a few
 * dozen bytes per prefix: IPv4 prefixes live in an open-addressing table of packed longs ({@link
 * io.netctl.bgp.rib.Ipv4RouteTable}). {@link io.netctl.bgp.rib.RibSnapshot} is the immutable view
 * the checker reads. End-of-RIB (RFC 4724 §2) and the enhanced route refresh demarcation (RFC 7313
 * §4) are tracked per family; AS4_PATH is merged into AS_PATH on 2-octet sessions (RFC 6793 §4.2.3).
 *
 * <p>Not thread-safe: a RIB belongs to the event loop of its session; snapshots may go anywhere.
 */
package io.netctl.bgp.rib;
