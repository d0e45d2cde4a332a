package io.netctl.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * A BIRD 2 configuration for a lab host: a node that announces its blocks to its reflectors, or a
 * route reflector; iBGP in AS {@value #AS}, every session named as Calico's confd names it
 * ({@code Global_<address>}), with {@link #FAST_TIMERS}.
 *
 * <pre>
 * BirdConfig.node("172.31.0.2").announce("10.3.240.0/27").peer("172.31.0.1")
 * BirdConfig.reflector("172.31.0.1", "1.0.0.1").peer("172.31.0.2").peer("172.31.0.9", "passive on;")
 * </pre>
 */
public final class BirdConfig {
  public static final long AS = 64512;

  /**
   * BIRD's slow defaults made short, so a lab converges in seconds: the first connect after 1 s
   * (default 5), a retry after 1 s (default 120), error back-off 1-2 s (default 60-300), and a dead
   * peer noticed after 9 s (default hold time 240).
   */
  public static final String FAST_TIMERS =
      "connect delay time 1; connect retry time 1; error wait time 1,2; error forget time 10; hold time 9; keepalive time 3;";

  private final String routerId;
  private final String clusterId;
  private final List<String> blocks = new ArrayList<>();
  private final List<String> blocks6 = new ArrayList<>();
  private final List<String> options = new ArrayList<>();
  private final List<String> peers = new ArrayList<>();
  private final List<String> statements = new ArrayList<>();
  private String community;
  private boolean ipv6;

  private BirdConfig(String routerId, String clusterId) {
    this.routerId = routerId;
    this.clusterId = clusterId;
  }

  /** A node (a reflector's client): announces its {@link #announce blocks}, imports what it is sent. */
  public static BirdConfig node(String routerId) {
    return new BirdConfig(routerId, null);
  }

  /** A route reflector with cluster id {@code clusterId}: every peer is its client; it imports and exports all. */
  public static BirdConfig reflector(String routerId, String clusterId) {
    return new BirdConfig(routerId, clusterId);
  }

  /** The protocol name of the session with {@code address}, e.g. {@code Global_172_31_0_1} (for birdc). */
  public static String protocol(String address) {
    return "Global_" + address.replaceAll("[^0-9A-Za-z]", "_");
  }

  /** Blackhole routes the node announces (IPv4 and IPv6 prefixes; IPv6 only on sessions with an ipv6 channel). */
  public BirdConfig announce(String... prefixes) {
    for (String p : prefixes) {
      (p.contains(":") ? blocks6 : blocks).add(p);
    }
    return this;
  }

  /** Tags the announced IPv4 blocks with the standard community {@code (asn,value)}. */
  public BirdConfig community(int asn, int value) {
    this.community = "(" + asn + "," + value + ")";
    return this;
  }

  /** A reflector that also carries IPv6 (an ipv6 channel on every session). */
  public BirdConfig ipv6() {
    this.ipv6 = true;
    return this;
  }

  /** BIRD protocol options every session gets, e.g. {@code graceful restart;}. */
  public BirdConfig option(String option) {
    options.add(option);
    return this;
  }

  /** An iBGP session with {@code address}, with BIRD protocol options of its own, e.g. {@code passive on;}. */
  public BirdConfig peer(String address, String... protocolOptions) {
    StringBuilder s = new StringBuilder("protocol bgp ").append(protocol(address)).append(" from lab_peer { neighbor ")
        .append(address).append(" as ").append(AS).append(';');
    for (String o : protocolOptions) {
      s.append(' ').append(o);
    }
    peers.add(s.append(" }").toString());
    return this;
  }

  /** Any further top-level statement, e.g. a {@code protocol kernel}. */
  public BirdConfig with(String statement) {
    statements.add(statement.strip());
    return this;
  }

  /** The configuration text. */
  public String text() {
    StringBuilder s = new StringBuilder();
    s.append("router id ").append(routerId).append(";\n");
    s.append("protocol device { scan time 10; }\n");
    if (!blocks.isEmpty()) {
      s.append("protocol static blocks { ipv4")
          .append(community == null ? "" : " { import filter { bgp_community.add(" + community + "); accept; }; }").append(";");
      blocks.forEach(b -> s.append(" route ").append(b).append(" blackhole;"));
      s.append(" }\n");
    }
    if (!blocks6.isEmpty()) {
      s.append("protocol static blocks6 { ipv6;");
      blocks6.forEach(b -> s.append(" route ").append(b).append(" blackhole;"));
      s.append(" }\n");
    }
    statements.forEach(x -> s.append(x).append('\n'));
    s.append("template bgp lab_peer {\n  local ").append(routerId).append(" as ").append(AS).append("; direct;\n");
    if (clusterId != null) {
      s.append("  rr client; rr cluster id ").append(clusterId).append(";\n");
    }
    s.append("  ").append(FAST_TIMERS).append('\n');
    options.forEach(o -> s.append("  ").append(o).append('\n'));
    if (clusterId != null) {
      s.append("  ipv4 { import all; export all; };\n");
      if (ipv6) {
        s.append("  ipv6 { import all; export all; };\n");
      }
    } else {
      s.append("  ipv4 { import all; export where source = RTS_STATIC; };\n");
    }
    s.append("}\n");
    peers.forEach(p -> s.append(p).append('\n'));
    return s.toString();
  }

  @Override
  public String toString() {
    return text();
  }
}
