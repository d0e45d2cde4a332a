package io.netctl.bgp.calico;

import inet.ipaddr.ipv4.IPv4Address;
import java.util.Objects;

/**
 * One BGP session as BIRD will run it on a node or reflector.
 *
 * @param name the protocol name, as {@code birdc show protocols} prints it ({@code Global_10_3_252_8})
 * @param neighbor the peer's address
 * @param port the peer's port (179 unless the BGPPeer gives one)
 * @param localAs this side's AS
 * @param neighborAs the peer's AS
 * @param rrClient whether this side treats the peer as a route-reflector client
 * @param rrClusterId the cluster id this side uses with {@code rr client}, or ""
 * @param passive whether this side waits for the peer to connect
 * @param source why the session exists, e.g. {@code BGPPeer rr-10-3-252-8 (global)}
 * @param password where this side's TCP-MD5 password comes from, e.g. {@code Secret bgp-secrets key
 *     rr-password, as calico-node reads it}, or "" when the session has none
 */
public record BirdProtocol(
    String name, IPv4Address neighbor, int port, long localAs, long neighborAs, boolean rrClient, String rrClusterId, boolean passive, String source,
    String password) {
  public BirdProtocol {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(neighbor, "neighbor");
    Objects.requireNonNull(rrClusterId, "rrClusterId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(password, "password");
  }

  public boolean ibgp() {
    return localAs == neighborAs;
  }
}
