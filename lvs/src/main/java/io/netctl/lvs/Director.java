package io.netctl.lvs;

import inet.ipaddr.ipv4.IPv4Address;
import java.util.Objects;

/**
 * An LVS director from netctl.yaml.
 *
 * @param name its name (DNS-1123 label)
 * @param ip its address
 * @param group e.g. {@code internal} or {@code external}
 * @param table the routing table for pool routes (null: main)
 * @param device the output device (null: let the kernel resolve it from the next hop)
 * @param metric the route metric (null: none)
 */
public record Director(String name, IPv4Address ip, String group, Integer table, String device, Integer metric) {
  public Director {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ip, "ip");
  }
}
