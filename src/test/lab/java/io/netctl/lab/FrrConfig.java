package io.netctl.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code router bgp} part of an FRR 8 bgpd configuration for a lab host: a router or a route
 * reflector in AS {@value #AS}, iBGP peers, announced networks (no zebra: {@code no bgp network
 * import-check}), optionally a BMP target; with short timers (keepalive 3 s, hold 9 s, connect retry
 * 1 s; FRR's defaults are 60/180/120 s).
 *
 * <pre>
 * FrrConfig.reflector("172.31.0.5", "1.0.0.5").peer("172.31.0.2").peer("172.31.0.9", "passive")
 * FrrConfig.router("172.31.0.4").peer("172.31.0.1").announce("10.3.240.64/27").bmp("172.31.0.9", 11019)
 * </pre>
 */
public final class FrrConfig {
  public static final long AS = 64512;

  private final String routerId;
  private final String clusterId;
  private final List<String> peers = new ArrayList<>();
  private final List<String> peerLines = new ArrayList<>();
  private final List<String> networks = new ArrayList<>();
  private String bmpTarget;

  private FrrConfig(String routerId, String clusterId) {
    this.routerId = routerId;
    this.clusterId = clusterId;
  }

  /** A router: its peers are ordinary iBGP neighbours. */
  public static FrrConfig router(String routerId) {
    return new FrrConfig(routerId, null);
  }

  /** A route reflector with cluster id {@code clusterId}: every peer is its client. */
  public static FrrConfig reflector(String routerId, String clusterId) {
    return new FrrConfig(routerId, clusterId);
  }

  /**
   * An iBGP neighbour at {@code address}, with FRR neighbour settings of its own, each written as
   * {@code neighbor ADDRESS SETTING}, e.g. {@code passive} or {@code password s3cret}.
   */
  public FrrConfig peer(String address, String... settings) {
    peers.add(address);
    peerLines.add(" neighbor " + address + " remote-as " + AS);
    peerLines.add(" neighbor " + address + " update-source " + routerId);
    peerLines.add(" neighbor " + address + " timers connect 1");
    for (String s : settings) {
      peerLines.add(" neighbor " + address + " " + s);
    }
    return this;
  }

  /** IPv4 networks it announces. */
  public FrrConfig announce(String... prefixes) {
    networks.addAll(List.of(prefixes));
    return this;
  }

  /**
   * Reports to the BMP collector at {@code address}:{@code port}, pre- and post-policy, reconnecting
   * within a second; keeps every peer's Adj-RIB-In (soft-reconfiguration inbound) for the pre-policy
   * view. Needs bgpd's bmp module, which {@link Frr#start} loads for such a configuration.
   */
  public FrrConfig bmp(String address, int port) {
    this.bmpTarget = address + " port " + port;
    return this;
  }

  /** The configuration text (without the header {@link Frr} adds). */
  public String text() {
    StringBuilder s = new StringBuilder();
    s.append("router bgp ").append(AS).append('\n');
    s.append(" bgp router-id ").append(routerId).append('\n');
    if (clusterId != null) {
      s.append(" bgp cluster-id ").append(clusterId).append('\n');
    }
    s.append(" no bgp ebgp-requires-policy\n no bgp network import-check\n timers bgp 3 9\n");
    peerLines.forEach(l -> s.append(l).append('\n'));
    s.append(" address-family ipv4 unicast\n");
    networks.forEach(n -> s.append("  network ").append(n).append('\n'));
    for (String p : peers) {
      if (clusterId != null) {
        s.append("  neighbor ").append(p).append(" route-reflector-client\n");
      }
      if (bmpTarget != null) {
        s.append("  neighbor ").append(p).append(" soft-reconfiguration inbound\n");
      }
    }
    s.append(" exit-address-family\n");
    if (bmpTarget != null) {
      s.append(" !\n bmp targets collector\n  bmp monitor ipv4 unicast pre-policy\n  bmp monitor ipv4 unicast post-policy\n")
          .append("  bmp connect ").append(bmpTarget).append(" min-retry 500 max-retry 1000\n exit\n");
    }
    s.append("!\n");
    return s.toString();
  }

  @Override
  public String toString() {
    return text();
  }
}
