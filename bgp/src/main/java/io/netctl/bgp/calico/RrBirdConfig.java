package io.netctl.bgp.calico;

import inet.ipaddr.IPAddress;

import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.BadInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The BIRD 2 configuration of a standalone route reflector (one that is no calico-node): the
 * manual's modified reflector template as a generated file. Clients are every host with an
 * allocation, at its Calico Node's BGP address (else its host IP) ({@code Global_<ip>}, {@code rr
 * client}, the reflector's cluster id, the node password); the other reflectors are plain iBGP peers ({@code Mesh_<ip>}); the core
 * switches are peers with their own AS and password ({@code Core_<ip>}). The reflector reflects
 * BGP routes only, installs nothing in its kernel, and sends the core only the routes its clients
 * originate (empty AS path).
 */
public final class RrBirdConfig {
  private RrBirdConfig() {}

  /**
   * A client of the reflector.
   *
   * @param node the node name
   * @param ip its host IP
   * @param cidr its pool, for the comment
   */
  public record Client(String node, IPv4Address ip, String cidr) {
    public Client {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(ip, "ip");
    }
  }

  /** The clients of {@code rr}: every allocation with a host IP, except the reflectors themselves, by IP. */
  public static List<Client> clients(BgpTopology topo, List<Allocation> allocations) {
    return clients(topo, allocations, Map.of());
  }

  /**
   * The clients of a reflector, each at the address its calico-node opens the session from: the
   * IP of its Calico Node's {@code spec.bgp.ipv4Address} (confd's {@code source address}, reference
   * C.2) where the Node exists, else the allocation's host IP. A client without either is left out.
   */
  public static List<Client> clients(BgpTopology topo, CalicoBgpState state) {
    Map<String, IPv4Address> bgpAddresses = new java.util.HashMap<>();
    for (StoredResource n : state.nodes()) {
      NodeBgp b = NodeBgp.of(n.resource());
      if (b.ip() != null) {
        bgpAddresses.put(b.name(), b.ip());
      }
    }
    return clients(topo, state.allocations(), bgpAddresses);
  }

  private static List<Client> clients(BgpTopology topo, List<Allocation> allocations, Map<String, IPv4Address> bgpAddresses) {
    List<Client> out = new ArrayList<>();
    for (Allocation a : allocations) {
      IPv4Address ip = bgpAddresses.getOrDefault(a.node(), a.hostIp());
      if (ip != null && topo.routeReflectorAt(ip).isEmpty()) {
        out.add(new Client(a.node(), ip, a.cidrText()));
      }
    }
    out.sort(Comparator.comparingLong(c -> c.ip().longValue()));
    return out;
  }

  /** The sessions the configuration defines, as {@code bgp show} lists them. */
  public static List<BirdProtocol> sessions(BgpTopology topo, RouteReflector rr, List<Client> clients) {
    long as = topo.asNumber();
    String cid = rr.clusterId().toCanonicalString();
    String nodePassword = renderedFrom(topo.password());
    List<BirdProtocol> out = new ArrayList<>();
    for (Client c : clients) {
      out.add(new BirdProtocol("Global_" + ConfdView.protocolSuffix(c.ip(), 179), c.ip(), 179, as, as, true, cid, false, "client " + c.node(),
          nodePassword));
    }
    for (RouteReflector o : topo.routeReflectors()) {
      if (!o.equals(rr)) {
        out.add(new BirdProtocol("Mesh_" + ConfdView.protocolSuffix(o.ip(), 179), o.ip(), 179, as, as, false, "", false, "route reflector " + o.name(),
            nodePassword));
      }
    }
    for (CoreSwitch s : topo.coreSwitches()) {
      out.add(new BirdProtocol("Core_" + ConfdView.protocolSuffix(s.ip(), 179), s.ip(), 179, as, s.asNumber(), false, "", false, "core switch " + s.name(),
          renderedFrom(s.password())));
    }
    return out;
  }

  /**
   * Renders the configuration.
   *
   * @param header comment lines saying where it came from
   * @param passwords the value of every Secret reference the topology uses
   * @throws BadInputException when a password the topology references is not given
   */
  public static String render(BgpTopology topo, RouteReflector rr, List<Client> clients, Map<SecretRef, String> passwords, List<String> header) {
    return render(topo, rr, clients, passwords, header, List.of());
  }

  /**
   * Renders the configuration with sessions for netctl's monitors: route-reflector clients that
   * receive every route, every path of it ({@code add paths tx}, RFC 7911), and send none ({@code netctl check --monitor}, {@code netctl controller}).
   *
   * @param monitors where monitor sessions may come from: one protocol per address, a dynamic
   *     {@code neighbor range} for a wider prefix
   */
  public static String render(BgpTopology topo, RouteReflector rr, List<Client> clients, Map<SecretRef, String> passwords, List<String> header,
      List<IPAddress> monitors) {
    return render(topo, rr, clients, passwords, header, monitors, Bfd.OFF);
  }

  /**
   * As {@link #render(BgpTopology, RouteReflector, List, Map, List, List)}, with BFD on the client
   * sessions when {@code bfd} is enabled: a {@code protocol bfd} for multihop sessions (the
   * sessions are {@code multihop}, so BFD runs on UDP 4784, RFC 5883) and {@code bfd on} in the
   * client template, so a BFD failure shuts the session down and withdraws the node's routes.
   */
  public static String render(BgpTopology topo, RouteReflector rr, List<Client> clients, Map<SecretRef, String> passwords, List<String> header,
      List<IPAddress> monitors, Bfd bfd) {
    for (SecretRef ref : topo.secretRefs()) {
      if (!passwords.containsKey(ref)) {
        throw new BadInputException("the password " + ref.name() + "/" + ref.key() + " is referenced in netctl.yaml but not given:"
            + " pass --password-file " + ref.name() + "/" + ref.key() + "=FILE");
      }
    }
    String ip = rr.ip().toCanonicalString();
    long as = topo.asNumber();
    StringBuilder b = new StringBuilder();
    for (String h : header) {
      b.append("# ").append(h).append('\n');
    }
    b.append("# Standalone route reflector ").append(rr.name()).append(' ').append(ip).append(", AS ").append(as)
        .append(", cluster id ").append(rr.clusterId().toCanonicalString()).append('\n');
    b.append("# ").append(clients.size()).append(" clients, ").append(topo.routeReflectors().size() - 1).append(" other route reflectors, ")
        .append(topo.coreSwitches().size()).append(" core switches. Check with: bird -p -c FILE\n\n");
    b.append("log syslog all;\n");
    b.append("router id ").append(ip).append(";\n\n");
    b.append("protocol device {\n  scan time 10;\n}\n\n");
    b.append("# Connected and kernel routes, only so that the next hops of reflected routes resolve;\n");
    b.append("# they are never announced (every export below takes BGP routes only), and nothing is installed in the kernel.\n");
    b.append("protocol direct {\n  ipv4;\n}\n\n");
    b.append("protocol kernel {\n  learn;\n  scan time 10;\n  ipv4 {\n    import all;\n    export none;\n  };\n}\n\n");
    if (bfd.enabled()) {
      long ms = bfd.interval().toMillis();
      b.append("# BFD on the client sessions: a silent node is down after ").append(bfd.detectionTime().toMillis()).append(" ms\n");
      b.append("protocol bfd {\n  multihop {\n    min rx interval ").append(ms).append(" ms;\n    min tx interval ").append(ms)
          .append(" ms;\n    multiplier ").append(bfd.multiplier()).append(";\n  };\n}\n\n");
    }
    b.append("template bgp netctl_ibgp {\n");
    b.append("  local ").append(ip).append(" as ").append(as).append(";\n");
    b.append("  multihop;\n  graceful restart;\n  connect delay time 2;\n  connect retry time 5;\n  error wait time 5, 30;\n");
    b.append("  ipv4 {\n    import all;\n    export where source = RTS_BGP;\n  };\n}\n\n");
    b.append("template bgp netctl_client from netctl_ibgp {\n");
    b.append("  rr client;\n  rr cluster id ").append(rr.clusterId().toCanonicalString()).append(";\n");
    if (topo.password() != null) {
      b.append("  password ").append(quote(passwords.get(topo.password()))).append(";\n");
    }
    b.append(bfd.enabled() ? "  bfd on;\n" : "");
    b.append("}\n");
    b.append(clients.isEmpty() ? "\n# No clients: no host has an allocation with a host IP yet.\n" : "");
    for (Client c : clients) {
      b.append("\n# ").append(c.node()).append(c.cidr() == null ? "" : " " + c.cidr()).append('\n');
      b.append("protocol bgp Global_").append(ConfdView.protocolSuffix(c.ip(), 179)).append(" from netctl_client {\n");
      b.append("  neighbor ").append(c.ip().toCanonicalString()).append(" as ").append(as).append(";\n}\n");
    }
    for (RouteReflector o : topo.routeReflectors()) {
      if (o.equals(rr)) {
        continue;
      }
      b.append("\n# route reflector ").append(o.name()).append(" (cluster id ").append(o.clusterId().toCanonicalString()).append(")\n");
      b.append("protocol bgp Mesh_").append(ConfdView.protocolSuffix(o.ip(), 179)).append(" from netctl_ibgp {\n");
      b.append("  neighbor ").append(o.ip().toCanonicalString()).append(" as ").append(as).append(";\n");
      if (topo.password() != null) {
        b.append("  password ").append(quote(passwords.get(topo.password()))).append(";\n");
      }
      b.append("}\n");
    }
    for (IPAddress m : monitors) {
      String net = m.toPrefixBlock().toCanonicalString();
      boolean single = m.getNetworkPrefixLength() == null || m.getNetworkPrefixLength() == 32;
      String addr = m.getLower().withoutPrefixLength().toCanonicalString();
      b.append("\n# netctl monitor sessions from ").append(net).append(": every route, nothing accepted\n");
      b.append("protocol bgp ").append(single ? "Monitor_" + addr.replace('.', '_') : "Monitors_" + net.replace('.', '_').replace('/', '_')).append(" from netctl_ibgp {\n");
      if (single) {
        b.append("  neighbor ").append(addr).append(" as ").append(as).append(";\n");
      } else {
        b.append("  neighbor range ").append(net).append(" as ").append(as).append(";\n");
        b.append("  dynamic name \"Monitor_\";\n");
      }
      b.append("  passive on;\n  rr client;\n  rr cluster id ").append(rr.clusterId().toCanonicalString()).append(";\n");
      // add paths tx: every path of a prefix (RFC 7911), not only the best, so netctl sees a pool announced by two nodes
      b.append("  ipv4 {\n    import none;\n    export where source = RTS_BGP;\n    add paths tx;\n  };\n}\n");
    }
    for (CoreSwitch s : topo.coreSwitches()) {
      b.append("\n# core switch ").append(s.name()).append(s.asNumber() == as ? " (iBGP)" : " (eBGP)").append('\n');
      b.append("protocol bgp Core_").append(ConfdView.protocolSuffix(s.ip(), 179)).append(" {\n");
      b.append("  local ").append(ip).append(" as ").append(as).append(";\n");
      b.append("  neighbor ").append(s.ip().toCanonicalString()).append(" as ").append(s.asNumber()).append(";\n");
      b.append("  graceful restart;\n  connect delay time 2;\n  connect retry time 5;\n  error wait time 5, 30;\n");
      if (s.password() != null) {
        b.append("  password ").append(quote(passwords.get(s.password()))).append(";\n");
      }
      b.append("  ipv4 {\n    import all;\n    export where source = RTS_BGP && bgp_path.len = 0;\n  };\n}\n");
    }
    return b.toString();
  }

  /** Where render-rr takes a password from, for {@code bgp show}; "" for none. */
  static String renderedFrom(SecretRef ref) {
    return ref == null ? "" : "render-rr --password-file " + ref.name() + "/" + ref.key() + "=FILE (the file's bytes)";
  }

  /** A BIRD string literal (BIRD has no escapes: {@link #password} keeps quotes and backslashes out). */
  static String quote(String s) {
    return "\"" + s + "\"";
  }

  /**
   * Validates a password file's content, taken byte for byte: 1..80 printable ASCII characters (the
   * TCP-MD5 key limit), without {@code "} or {@code \\}, which a BIRD string cannot hold, and
   * without a trailing newline. calico-node's confd puts a Secret's bytes into {@code bird.cfg} as
   * they are ({@code confd/pkg/backends/calico/secret_watcher.go GetSecret}), and {@code kubectl
   * create secret generic --from-file} stores a file's bytes as they are, newline included: a file
   * both are made from must therefore hold exactly the password.
   */
  public static String password(String what, String text) {
    if (text.endsWith("\n") || text.endsWith("\r")) {
      throw new BadInputException(what + ": the file ends in a newline, which calico-node would take as part of the password"
          + " (a Secret made from this file with kubectl create secret --from-file keeps it); write it without one: printf '%s' PASSWORD > FILE");
    }
    if (text.isEmpty() || text.length() > 80 || !text.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\')) {
      throw new BadInputException(what + ": a BGP password is 1 to 80 printable ASCII characters without '\"' or '\\'");
    }
    return text;
  }

  /** Why calico-node's BIRD cannot use a Secret's value as a password, or null when it can (the rule of {@link #password}). */
  public static String unusable(byte[] value) {
    String text = new String(value, java.nio.charset.StandardCharsets.ISO_8859_1);
    if (text.endsWith("\n") || text.endsWith("\r")) {
      return "it ends in a newline (made with --from-file from a file with one?): confd renders it into a BIRD string, which cannot hold it";
    }
    if (text.isEmpty() || text.length() > 80) {
      return "it is " + text.length() + " bytes long; a TCP-MD5 password is 1 to 80";
    }
    if (!text.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\')) {
      return "it holds a byte a BIRD string cannot (a control character, '\"', '\\' or non-ASCII)";
    }
    return null;
  }
}
