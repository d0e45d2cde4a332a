/**
 * The BGP-4 wire format: messages, capabilities and path attributes as sealed types of records,
 * their decoder and encoder, the NOTIFICATION errors and the RFC 7606 error handling. Depends on
 * netty's buffers and codec base only.
 *
 * <p>Frame → decode → handle: {@link io.netctl.bgp.wire.BgpFrameDecoder} cuts the stream into
 * messages, {@link io.netctl.bgp.wire.BgpMessageDecoder} turns each into a {@link
 * io.netctl.bgp.wire.BgpMessage}, {@link io.netctl.bgp.wire.BgpMessageEncoder#INSTANCE} writes
 * them. Decoding ({@link io.netctl.bgp.wire.MessageReader}) checks syntax only; a message that
 * breaks it throws {@link io.netctl.bgp.wire.BgpProtocolException} carrying the NOTIFICATION
 * ({@link io.netctl.bgp.wire.BgpError}); the session checks what an OPEN means.
 *
 * <p>Implemented here:
 *
 * <ul>
 *   <li>RFC 4271 BGP-4: header, OPEN, UPDATE, NOTIFICATION, KEEPALIVE; §6 error handling.
 *   <li>RFC 4760 multiprotocol extensions: capability, MP_REACH_NLRI, MP_UNREACH_NLRI for IPv4 and
 *       IPv6 unicast (other AFI/SAFI kept as raw attributes).
 *   <li>RFC 5492 capabilities advertisement; unknown capabilities kept.
 *   <li>RFC 6793 4-octet AS numbers: capability, 2/4-octet AS_PATH and AGGREGATOR, AS4_PATH and
 *       AS4_AGGREGATOR (merged by {@code io.netctl.bgp.rib.AsPaths}).
 *   <li>RFC 2918 route refresh and RFC 7313 enhanced route refresh (BoRR/EoRR subtypes).
 *   <li>RFC 4724 graceful restart capability and End-of-RIB markers ({@link
 *       io.netctl.bgp.wire.Update#endOfRib()}).
 *   <li>RFC 1997 COMMUNITIES, RFC 4360 EXTENDED_COMMUNITIES, RFC 8092 LARGE_COMMUNITY.
 *   <li>RFC 4456 route reflection attributes ORIGINATOR_ID and CLUSTER_LIST.
 *   <li>RFC 9494 long-lived graceful restart capability (decoded; netctl does not advertise it).
 *   <li>RFC 7911 ADD-PATH: capability, path identifiers in the NLRI of UPDATE, MP_REACH_NLRI and
 *       MP_UNREACH_NLRI for the families negotiated ({@link io.netctl.bgp.wire.AddPathNegotiation}).
 *   <li>RFC 7606 revised UPDATE error handling: attribute discard, treat-as-withdraw, session reset.
 *   <li>RFC 8654 extended messages (65535 bytes; OPEN and KEEPALIVE stay within 4096).
 *   <li>RFC 6608 FSM error subcodes, RFC 4486 and RFC 8538 Cease subcodes, RFC 8203 shutdown
 *       message (shown when received).
 * </ul>
 *
 * <p>Not implemented: sending ADD-PATH (netctl only receives), RFC 9072 extended optional parameters, confederation
 * semantics (segments are decoded), the RFC 8950 IPv6 next hop for IPv4 is decoded but not used.
 */
package io.netctl.bgp.wire;
