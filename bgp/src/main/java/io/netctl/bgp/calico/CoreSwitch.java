package io.netctl.bgp.calico;

import inet.ipaddr.ipv4.IPv4Address;
import java.util.Objects;

/**
 * A core switch the route reflectors peer with.
 *
 * @param name its name (DNS-1123 label)
 * @param ip its BGP address
 * @param asNumber its AS
 * @param password where its TCP-MD5 password comes from, or null
 */
public record CoreSwitch(String name, IPv4Address ip, long asNumber, SecretRef password) {
  public CoreSwitch {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ip, "ip");
  }
}
