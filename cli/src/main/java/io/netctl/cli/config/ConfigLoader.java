package io.netctl.cli.config;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.bgp.calico.AsNumber;
import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.CoreSwitch;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.bgp.calico.SecretRef;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.Names;
import io.netctl.ipam.OneLine;
import io.netctl.lvs.Director;
import io.netctl.validator.Intent;
import io.netctl.validator.config.PoolPressureChecks;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Loads netctl.yaml. Every error is one line {@code FILE:LINE: field: problem}, exit code 2.
 * Unknown keys are refused (a misspelt key would otherwise silently fall back to a default and
 * allocate from the wrong ranges). Keys left out take the built-in defaults.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  static final Set<String> TOP = Set.of("asNumber", "blockSize", "ranges", "routeReflectors", "coreSwitches", "directors", "bgpPassword", "monitors", "nodeToNodeMesh",
      "poolNearlyFullPercent", "gracefulRestart", "bfd", "routeFlapping");
  static final Set<String> RR = Set.of("name", "ip", "clusterId", "labels");
  static final Set<String> SWITCH = Set.of("name", "ip", "asNumber", "password");
  static final Set<String> DIRECTOR = Set.of("name", "ip", "group", "table", "device", "metric");
  static final Set<String> SECRET = Set.of("secretKeyRef");
  static final Set<String> SECRET_REF = Set.of("name", "key");
  static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
  static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

  public static NetctlConfig load(Path file) {
    return parse(file.toString(), InputFiles.read(file, "config"));
  }

  public static NetctlConfig parse(String name, String text) {
    return new Parser(name).parse(new StringReader(text));
  }

  static final class Parser {
    private final String file;

    Parser(String file) {
      this.file = file;
    }

    private BadInputException error(Node at, String message) {
      return BadInputException.at(file + ":" + (at.getStartMark().getLine() + 1), message);
    }

    /** {@code e} at {@code at}, unless it already says where it is (never {@code FILE:LINE: FILE:LINE: ...}). */
    BadInputException relocate(Node at, BadInputException e) {
      return e.located() ? e : error(at, e.getMessage());
    }

    NetctlConfig parse(Reader reader) {
      Node root;
      try {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        root = new Yaml(options).compose(reader);
      } catch (MarkedYAMLException e) {
        int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
        throw BadInputException.at(file + ":" + line, "malformed YAML: " + e.getProblem());
      } catch (YAMLException e) {
        throw BadInputException.at(file, "malformed YAML: " + OneLine.of(e.getMessage(), "unknown error"));
      }
      if (root == null) {
        return new NetctlConfig(file, IpamConfig.DEFAULT, BgpTopology.defaults(), List.of());
      }
      Map<String, Node> top = mapping(root, "the top level", TOP);
      long as = top.containsKey("asNumber") ? asNumber(top.get("asNumber"), "asNumber") : BgpTopology.DEFAULT_AS;
      int blockSize = top.containsKey("blockSize") ? integer(top.get("blockSize"), "blockSize", 20, 32) : IpamConfig.DEFAULT.blockSize();
      IpamConfig ipam = ipam(top.get("ranges"), blockSize, top.get("blockSize"));
      List<RouteReflector> rrs = new ArrayList<>();
      Map<String, Node> seenNames = new HashMap<>();
      Map<String, Node> seenIps = new HashMap<>();
      List<Node> rrNodes = sequence(top.get("routeReflectors"), "routeReflectors");
      if (rrNodes.size() > BgpTopology.MAX_ROUTE_REFLECTORS) {
        throw error(top.get("routeReflectors"), "routeReflectors: " + rrNodes.size() + " route reflectors; at most " + BgpTopology.MAX_ROUTE_REFLECTORS
            + " are supported (every node peers with each, and bgp apply writes them in one etcd transaction)");
      }
      for (Node n : rrNodes) {
        Map<String, Node> m = mapping(n, "a route reflector", RR);
        String name = label(required(m, n, "name", "routeReflectors[].name"), "routeReflectors[].name");
        IPv4Address ip = ip(required(m, n, "ip", "routeReflectors[].ip"), "routeReflectors[" + name + "].ip");
        IPv4Address cluster = clusterId(required(m, n, "clusterId", "routeReflectors[].clusterId"), "routeReflectors[" + name + "].clusterId");
        unique(seenNames, name, n, "name");
        unique(seenIps, ip.toCanonicalString(), n, "IP");
        if (ipam.inRanges(ip)) {
          throw error(m.get("ip"), "routeReflectors[" + name + "].ip " + ip + " is inside the container ranges");
        }
        rrs.add(new RouteReflector(name, ip, cluster, stringMap(m.get("labels"), "routeReflectors[" + name + "].labels")));
      }
      List<CoreSwitch> switches = new ArrayList<>();
      seenNames.clear();
      for (Node n : sequence(top.get("coreSwitches"), "coreSwitches")) {
        Map<String, Node> m = mapping(n, "a core switch", SWITCH);
        String name = label(required(m, n, "name", "coreSwitches[].name"), "coreSwitches[].name");
        IPv4Address ip = ip(required(m, n, "ip", "coreSwitches[].ip"), "coreSwitches[" + name + "].ip");
        long swAs = m.containsKey("asNumber") ? asNumber(m.get("asNumber"), "coreSwitches[" + name + "].asNumber") : as;
        unique(seenNames, name, n, "name");
        unique(seenIps, ip.toCanonicalString(), n, "IP");
        switches.add(new CoreSwitch(name, ip, swAs, secret(m.get("password"), "coreSwitches[" + name + "].password")));
      }
      List<Director> directors = new ArrayList<>();
      seenNames.clear();
      for (Node n : sequence(top.get("directors"), "directors")) {
        Map<String, Node> m = mapping(n, "a director", DIRECTOR);
        String name = label(required(m, n, "name", "directors[].name"), "directors[].name");
        String f = "directors[" + name + "]";
        IPv4Address ip = ip(required(m, n, "ip", "directors[].ip"), f + ".ip");
        unique(seenNames, name, n, "name");
        unique(seenIps, ip.toCanonicalString(), n, "IP");
        String group = m.containsKey("group") ? scalar(m.get("group"), f + ".group") : null;
        Integer table = m.containsKey("table") ? integer(m.get("table"), f + ".table", 1, 0x7fffffff) : null;
        String device = m.containsKey("device") ? device(m.get("device"), f + ".device") : null;
        Integer metric = m.containsKey("metric") ? integer(m.get("metric"), f + ".metric", 0, 0x7fffffff) : null;
        directors.add(new Director(name, ip, group, table, device, metric));
      }
      SecretRef password = secret(top.get("bgpPassword"), "bgpPassword");
      boolean mesh = top.containsKey("nodeToNodeMesh") && bool(top.get("nodeToNodeMesh"), "nodeToNodeMesh");
      List<IPAddress> monitors = new ArrayList<>();
      List<Node> monitorNodes = sequence(top.get("monitors"), "monitors");
      for (int i = 0; i < monitorNodes.size(); i++) {
        Node n = monitorNodes.get(i);
        String text = scalar(n, "monitors[" + i + "]").strip();
        try {
          monitors.add(text.contains("/") ? Names.ipv4Prefix("monitors[" + i + "]", text) : Names.hostIp("monitors[" + i + "]", text).setPrefixLength(32, false));
        } catch (BadInputException e) {
          throw relocate(n, e);
        }
      }
      BgpTopology bgp = new BgpTopology(as, rrs, switches, password, mesh);
      int nearlyFull = top.containsKey("poolNearlyFullPercent") ? integer(top.get("poolNearlyFullPercent"), "poolNearlyFullPercent", 1, 100)
          : PoolPressureChecks.DEFAULT_NEARLY_FULL_PERCENT;
      boolean grRequired = top.containsKey("gracefulRestart") && gracefulRestart(top.get("gracefulRestart"));
      return new NetctlConfig(file, ipam.withInfrastructure(Intent.infrastructure(bgp, directors, monitors)), bgp, directors, monitors, nearlyFull,
          grRequired, LivenessSections.bfd(this, top.get("bfd")), LivenessSections.routeFlapping(this, top.get("routeFlapping")));
    }

    /** {@code gracefulRestart: required} makes graceful-restart-off an error; {@code optional} (the default) a warning. */
    private boolean gracefulRestart(Node n) {
      String s = scalar(n, "gracefulRestart").strip();
      return switch (s) {
        case "required" -> true;
        case "optional" -> false;
        default -> throw error(n, "gracefulRestart \"" + Names.printable(s) + "\": must be required or optional");
      };
    }

    private IpamConfig ipam(Node rangesNode, int blockSize, Node blockSizeNode) {
      if (rangesNode == null) {
        try {
          return new IpamConfig(IpamConfig.DEFAULT.ranges(), blockSize);
        } catch (BadInputException e) {
          throw blockSizeNode == null ? e : relocate(blockSizeNode, e);
        }
      }
      List<Node> items = sequence(rangesNode, "ranges");
      if (items.isEmpty()) {
        throw error(rangesNode, "ranges: at least one range is needed");
      }
      if (items.size() > IpamConfig.MAX_RANGES) {
        throw error(rangesNode, "ranges: " + items.size() + " ranges; at most " + IpamConfig.MAX_RANGES + " are supported (use larger ranges)");
      }
      List<IPAddress> ranges = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        Node n = items.get(i);
        IPAddress r;
        String text = scalar(n, "ranges[" + i + "]");
        try {
          r = Names.ipv4Prefix("range", text);
          IpamConfig.screen(r);
        } catch (BadInputException e) {
          throw error(n, "ranges[" + i + "]: " + e.getMessage());
        }
        if (r.getNetworkPrefixLength() > blockSize) {
          throw error(n, "ranges[" + i + "]: range " + r.toCanonicalString() + " is smaller than one /" + blockSize + " block");
        }
        for (int j = 0; j < ranges.size(); j++) {
          if (ranges.get(j).overlaps(r)) {
            throw error(n, "ranges[" + i + "]: range " + r.toCanonicalString() + " overlaps ranges[" + j + "] " + ranges.get(j).toCanonicalString());
          }
        }
        ranges.add(r);
      }
      return new IpamConfig(ranges, blockSize);
    }

    Map<String, Node> mapping(Node n, String what, Set<String> known) {
      if (!(n instanceof MappingNode m)) {
        throw error(n, what + " must be a mapping (key: value)");
      }
      Map<String, Node> out = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        String key = scalar(t.getKeyNode(), "a key");
        if (!known.contains(key)) {
          throw error(t.getKeyNode(), "unknown key \"" + Names.printable(key) + "\" in " + what + " (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
        }
        if (out.put(key, t.getValueNode()) != null) {
          throw error(t.getKeyNode(), "duplicate key \"" + key + "\"");
        }
      }
      return out;
    }

    private List<Node> sequence(Node n, String field) {
      if (n == null) {
        return List.of();
      }
      if (n instanceof ScalarNode s && (s.getValue().isEmpty() || s.getValue().equals("null") || s.getValue().equals("~"))) {
        return List.of();
      }
      if (!(n instanceof SequenceNode s)) {
        throw error(n, field + " must be a list");
      }
      return s.getValue();
    }

    String scalar(Node n, String field) {
      if (!(n instanceof ScalarNode s)) {
        throw error(n, field + " must be a single value");
      }
      return s.getValue();
    }

    private Node required(Map<String, Node> m, Node parent, String key, String field) {
      Node n = m.get(key);
      if (n == null) {
        throw error(parent, field + " is required");
      }
      return n;
    }

    private long asNumber(Node n, String field) {
      try {
        return AsNumber.parse(field, scalar(n, field));
      } catch (BadInputException e) {
        throw relocate(n, e);
      }
    }

    int integer(Node n, String field, int min, int max) {
      String s = scalar(n, field).strip();
      long v;
      try {
        v = Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw error(n, field + " \"" + Names.printable(s) + "\": not a whole number");
      }
      if (v < min || v > max) {
        throw error(n, field + " " + v + ": must be between " + min + " and " + max);
      }
      return (int) v;
    }

    private IPv4Address ip(Node n, String field) {
      try {
        return Names.hostIp(field, scalar(n, field));
      } catch (BadInputException e) {
        throw relocate(n, e);
      }
    }

    private IPv4Address clusterId(Node n, String field) {
      String s = scalar(n, field).strip();
      if (!s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
        throw error(n, field + " \"" + Names.printable(s) + "\": a cluster id is a dotted quad such as 1.0.0.1");
      }
      IPAddress a = new inet.ipaddr.IPAddressString(s).getAddress();
      if (a == null || !a.isIPv4()) {
        throw error(n, field + " \"" + s + "\": a cluster id is a dotted quad such as 1.0.0.1");
      }
      if (a.isZero()) {
        throw error(n, field + " 0.0.0.0: a cluster id must not be zero");
      }
      return a.toIPv4();
    }

    private String label(Node n, String field) {
      try {
        return Names.label(field, scalar(n, field));
      } catch (BadInputException e) {
        throw relocate(n, e);
      }
    }

    private String device(Node n, String field) {
      String s = scalar(n, field);
      if (!s.matches("[A-Za-z0-9_.:@-]{1,15}")) {
        throw error(n, field + " \"" + Names.printable(s) + "\": not a network interface name");
      }
      return s;
    }

    boolean bool(Node n, String field) {
      String s = scalar(n, field).strip();
      return switch (s) {
        case "true" -> true;
        case "false" -> false;
        default -> throw error(n, field + " \"" + Names.printable(s) + "\": must be true or false");
      };
    }

    /** Kubernetes label keys ({@code [prefix/]name}) and values, as Calico Node labels must be. */
    private Map<String, String> stringMap(Node n, String field) {
      if (n == null) {
        return Map.of();
      }
      if (!(n instanceof MappingNode m)) {
        throw error(n, field + " must be a mapping");
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        String key = scalar(t.getKeyNode(), field + " key");
        String value = scalar(t.getValueNode(), field + "." + key);
        int slash = key.lastIndexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash);
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (!LABEL_NAME.matcher(name).matches() || (prefix != null && (prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()))) {
          throw error(t.getKeyNode(), field + ": invalid label key \"" + Names.printable(key) + "\" (a name of at most 63 letters, digits, '-', '_', '.', optionally prefixed by a DNS subdomain and '/')");
        }
        if (!value.isEmpty() && !LABEL_NAME.matcher(value).matches()) {
          throw error(t.getValueNode(), field + "." + key + ": invalid label value \"" + Names.printable(value) + "\" (at most 63 letters, digits, '-', '_', '.', starting and ending with a letter or digit)");
        }
        if (key.equals("app.kubernetes.io/managed-by") || key.equals("route-reflector")) {
          throw error(t.getKeyNode(), field + ": label " + key + " is set by netctl itself");
        }
        out.put(key, value);
      }
      return out;
    }

    private SecretRef secret(Node n, String field) {
      if (n == null) {
        return null;
      }
      Map<String, Node> m = mapping(n, field, SECRET);
      Node ref = m.get("secretKeyRef");
      if (ref == null) {
        throw error(n, field + ".secretKeyRef is required");
      }
      Map<String, Node> r = mapping(ref, field + ".secretKeyRef", SECRET_REF);
      Node nameNode = required(r, ref, "name", field + ".secretKeyRef.name");
      Node keyNode = required(r, ref, "key", field + ".secretKeyRef.key");
      String name = scalar(nameNode, field + ".secretKeyRef.name");
      String key = scalar(keyNode, field + ".secretKeyRef.key");
      if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
        throw error(nameNode, field + ".secretKeyRef.name \"" + Names.printable(name) + "\": not a Secret name (a DNS-1123 subdomain)");
      }
      if (key.length() > 253 || !SECRET_KEY.matcher(key).matches()) {
        throw error(keyNode, field + ".secretKeyRef.key \"" + Names.printable(key) + "\": not a Secret key (letters, digits, '-', '_', '.')");
      }
      return new SecretRef(name, key);
    }

    private void unique(Map<String, Node> seen, String value, Node at, String what) {
      Node first = seen.putIfAbsent(value, at);
      if (first != null) {
        throw error(at, "duplicate " + what + " " + value + " (first at line " + (first.getStartMark().getLine() + 1) + ")");
      }
    }
  }

}
