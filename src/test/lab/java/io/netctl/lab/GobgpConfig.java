package io.netctl.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * A gobgpd configuration (TOML) for a lab host: a router or a route reflector in AS {@value #AS},
 * iBGP neighbours with short timers (connect retry 1 s, keepalive 3 s, hold 9 s; GoBGP's defaults
 * are 120/30/90 s), optionally a BMP server. Routes are announced at run time ({@link
 * Gobgp#announce}).
 *
 * <pre>
 * GobgpConfig.reflector("172.31.0.6", "1.0.0.6").peer("172.31.0.2").passivePeer("172.31.0.9")
 * GobgpConfig.router("172.31.0.5").peer("172.31.0.1").bmp("172.31.0.9", 11019)
 * </pre>
 */
public final class GobgpConfig {
  public static final long AS = 64512;

  private final String routerId;
  private final String clusterId;
  private final List<String> neighbors = new ArrayList<>();
  private final List<String> bmpServers = new ArrayList<>();

  private GobgpConfig(String routerId, String clusterId) {
    this.routerId = routerId;
    this.clusterId = clusterId;
  }

  /** A router: its neighbours are ordinary iBGP peers. */
  public static GobgpConfig router(String routerId) {
    return new GobgpConfig(routerId, null);
  }

  /** A route reflector with cluster id {@code clusterId}: every neighbour is its client. */
  public static GobgpConfig reflector(String routerId, String clusterId) {
    return new GobgpConfig(routerId, clusterId);
  }

  /** A neighbour GoBGP connects to. */
  public GobgpConfig peer(String address) {
    return neighbor(address, false);
  }

  /** A neighbour GoBGP only accepts connections from. */
  public GobgpConfig passivePeer(String address) {
    return neighbor(address, true);
  }

  /**
   * A passive neighbour GoBGP sends up to {@code sendMax} paths per IPv4 prefix (ADD-PATH send,
   * RFC 7911), when the neighbour offers to receive them.
   */
  public GobgpConfig passivePeerWithAddPaths(String address, int sendMax) {
    neighbor(address, true);
    int last = neighbors.size() - 1;
    neighbors.set(last, neighbors.get(last) + """
          [[neighbors.afi-safis]]
            [neighbors.afi-safis.config]
              afi-safi-name = "ipv4-unicast"
            [neighbors.afi-safis.add-paths.config]
              send-max = %d
        """.formatted(sendMax));
    return this;
  }

  private GobgpConfig neighbor(String address, boolean passive) {
    StringBuilder s = new StringBuilder("""
        [[neighbors]]
          [neighbors.config]
            neighbor-address = "%s"
            peer-as = %d
          [neighbors.timers.config]
            connect-retry = 1
            hold-time = 9
            keepalive-interval = 3
        """.formatted(address, AS));
    if (passive) {
      s.append("  [neighbors.transport.config]\n    passive-mode = true\n");
    }
    if (clusterId != null) {
      s.append("  [neighbors.route-reflector.config]\n    route-reflector-client = true\n")
          .append("    route-reflector-cluster-id = \"").append(clusterId).append("\"\n");
    }
    neighbors.add(s.toString());
    return this;
  }

  /** Reports to the BMP collector at {@code address}:{@code port} (route monitoring: pre- and post-policy). */
  public GobgpConfig bmp(String address, int port) {
    bmpServers.add("""
        [[bmp-servers]]
          [bmp-servers.config]
            address = "%s"
            port = %d
            route-monitoring-policy = "all"
        """.formatted(address, port));
    return this;
  }

  /** The TOML text. */
  public String text() {
    StringBuilder s = new StringBuilder("""
        [global.config]
          as = %d
          router-id = "%s"
          local-address-list = ["%s"]
        """.formatted(AS, routerId, routerId));
    neighbors.forEach(s::append);
    bmpServers.forEach(s::append);
    return s.toString();
  }

  @Override
  public String toString() {
    return text();
  }
}
