/**
 * A BMP (RFC 7854) collector: routers (FRR {@code bgpd -M bmp}, GoBGP {@code bmp-servers}) connect
 * and stream Initiation, Peer Up (with both OPENs), Route Monitoring (pre- and post-policy, and
 * Loc-RIB of RFC 9069), Statistics Report, Peer Down (with reason) and Termination. The BGP PDUs
 * inside are decoded by the same codec ({@code io.netctl.bgp.wire}) into one Adj-RIB-In per
 * monitored peer and view. Frame → decode → handle, as for BGP: {@link
 * io.netctl.bgp.bmp.BmpFrameDecoder}, {@link io.netctl.bgp.bmp.BmpReader}, {@link
 * io.netctl.bgp.bmp.BmpRouterHandler}. A malformed stream closes that router's connection only.
 *
 * <p>RFCs: 7854 (BMP v3), 9069 (Loc-RIB peer type, decoded as a view), 8671 (Adj-RIB-Out peer
 * flag, shown as a flag only).
 */
package io.netctl.bgp.bmp;
