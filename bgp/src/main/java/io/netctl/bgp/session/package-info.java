/**
 * BGP sessions: the RFC 4271 FSM as a pure function ({@link io.netctl.bgp.session.BgpFsm}),
 * driven by {@link io.netctl.bgp.session.BgpSession} on a netty event loop through the thin
 * {@link io.netctl.bgp.session.BgpSessionHandler}; {@link io.netctl.bgp.session.BgpSpeaker} makes
 * the connections (active and passive open, TCP-MD5 of RFC 2385 through the epoll transport).
 * Each session keeps its peer's Adj-RIB-In, counters (messages, UPDATEs, prefixes, flaps, last
 * error) and reports state changes and route events to a {@link
 * io.netctl.bgp.session.SessionListener}. {@link io.netctl.bgp.session.RouteCollector} is the
 * one-shot use: open a session, wait for End-of-RIB or silence, return the routes or why not.
 *
 * <p>RFCs: 4271 (FSM §8, OPEN checks §6.2, hold and keepalive timers §4.4/§10), 6286 (BGP
 * identifier), 6608 (FSM error subcodes), 4486 and 8203 (Cease subcodes, shutdown message), 2385
 * (TCP-MD5), 4724 (End-of-RIB, GR-aware OPEN), 7313 (BoRR/EoRR), 6793 and 8654 (negotiated
 * 4-octet AS and extended messages).
 */
package io.netctl.bgp.session;
