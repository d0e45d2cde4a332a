package io.netctl.cli.config;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.netctl.bgp.calico.AsNumber;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.Names;
import io.netctl.ipam.OneLine;
import io.netctl.validator.change.Change;
import io.netctl.validator.change.Validation;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Loads a change file for {@code netctl validate}: {@code changes:} is a list of one-key maps
 * applied in order. Syntax errors are bad input ({@code FILE:LINE: problem}, exit 2); whether a
 * well-formed change is acceptable (overlapping ranges, exhaustion, a second AS) is the
 * validator's finding, not a parse error.
 */
public final class ChangeFileLoader {
  private ChangeFileLoader() {}

  static final Set<String> KINDS = Set.of("allocate", "release", "addRouteReflector", "removeRouteReflector",
      "addDirector", "removeDirector", "setAsNumber", "setRanges");

  /** Reads and parses a change file: at most {@link InputFiles#MAX_BYTES} of UTF-8 YAML, at most {@link Validation#MAX_CHANGES} changes. */
  public static List<Change> load(Path file) {
    return parse(file.toString(), InputFiles.read(file, "change file"));
  }

  public static List<Change> parse(String file, String text) {
    Node root;
    try {
      LoaderOptions o = new LoaderOptions();
      o.setAllowDuplicateKeys(false);
      o.setMaxAliasesForCollections(50);
      root = new Yaml(o).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw BadInputException.at(file + ":" + line, "malformed YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw BadInputException.at(file, "malformed YAML: " + OneLine.of(e.getMessage(), "unknown error"));
    }
    P p = new P(file);
    if (root == null) {
      throw new BadInputException(file + ": empty change file: expected \"changes:\" with a list of changes");
    }
    Map<String, Node> top = p.mapping(root, "the top level", Set.of("changes"));
    Node list = top.get("changes");
    if (!(list instanceof SequenceNode seq)) {
      throw p.error(list == null ? root : list, "\"changes:\" must be a list of changes such as - allocate: {node: node-9, hostIp: 10.3.0.9}");
    }
    if (seq.getValue().size() > Validation.MAX_CHANGES) {
      throw p.error(seq, "changes: " + seq.getValue().size() + " changes; at most " + Validation.MAX_CHANGES + " per change file (split it)");
    }
    List<Change> out = new ArrayList<>();
    for (Node item : seq.getValue()) {
      if (!(item instanceof MappingNode m) || m.getValue().size() != 1) {
        throw p.error(item, "each change is a one-key map, one of " + String.join(", ", KINDS.stream().sorted().toList()));
      }
      NodeTuple t = m.getValue().get(0);
      String kind = p.scalar(t.getKeyNode(), "change kind");
      Node v = t.getValueNode();
      int line = item.getStartMark().getLine() + 1;
      out.add(switch (kind) {
        case "allocate" -> {
          Map<String, Node> f = p.mapping(v, "allocate", Set.of("node", "hostIp"));
          String node = p.wrap(v, () -> Names.node(p.scalar(p.req(f, v, "node"), "node")));
          yield new Change.Allocate(node, f.containsKey("hostIp") ? p.wrap(f.get("hostIp"), () -> Names.hostIp("hostIp", p.scalar(f.get("hostIp"), "hostIp"))) : null, line);
        }
        case "release" -> {
          Map<String, Node> f = p.mapping(v, "release", Set.of("node"));
          yield new Change.Release(p.wrap(v, () -> Names.node(p.scalar(p.req(f, v, "node"), "node"))), line);
        }
        case "addRouteReflector" -> {
          Map<String, Node> f = p.mapping(v, "addRouteReflector", Set.of("name", "ip", "clusterId"));
          String name = p.wrap(v, () -> Names.label("name", p.scalar(p.req(f, v, "name"), "name")));
          var ip = p.wrap(v, () -> Names.hostIp("ip", p.scalar(p.req(f, v, "ip"), "ip")));
          String cid = p.scalar(p.req(f, v, "clusterId"), "clusterId");
          if (!cid.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw p.error(f.get("clusterId"), "clusterId \"" + Names.printable(cid) + "\": a cluster id is a dotted quad such as 1.0.0.1");
          }
          yield new Change.AddRouteReflector(name, ip, new IPAddressString(cid).getAddress().toIPv4(), line);
        }
        case "removeRouteReflector" -> new Change.RemoveRouteReflector(
            p.scalar(p.req(p.mapping(v, "removeRouteReflector", Set.of("name")), v, "name"), "name"), line);
        case "addDirector" -> {
          Map<String, Node> f = p.mapping(v, "addDirector", Set.of("name", "ip"));
          yield new Change.AddDirector(p.wrap(v, () -> Names.label("name", p.scalar(p.req(f, v, "name"), "name"))),
              p.wrap(v, () -> Names.hostIp("ip", p.scalar(p.req(f, v, "ip"), "ip"))), line);
        }
        case "removeDirector" -> new Change.RemoveDirector(
            p.scalar(p.req(p.mapping(v, "removeDirector", Set.of("name")), v, "name"), "name"), line);
        case "setAsNumber" -> new Change.SetAsNumber(p.wrap(v, () -> AsNumber.parse("setAsNumber", p.scalar(v, "setAsNumber"))), line);
        case "setRanges" -> {
          if (!(v instanceof SequenceNode rs)) {
            throw p.error(v, "setRanges must be a list of CIDRs");
          }
          List<IPAddress> ranges = new ArrayList<>();
          for (Node r : rs.getValue()) {
            String s = p.scalar(r, "range").strip();
            IPAddress a = s.matches("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}") ? new IPAddressString(s).getAddress() : null;
            if (a == null) {
              throw p.error(r, "setRanges: \"" + Names.printable(s) + "\" is not an IPv4 CIDR such as 10.3.240.0/21");
            }
            ranges.add(a);
          }
          yield new Change.SetRanges(ranges, line);
        }
        default -> throw p.error(t.getKeyNode(), "unknown change \"" + Names.printable(kind) + "\" (known: " + String.join(", ", KINDS.stream().sorted().toList()) + ")");
      });
    }
    return out;
  }

  private static final class P {
    final String file;

    P(String file) {
      this.file = file;
    }

    BadInputException error(Node at, String message) {
      return BadInputException.at(file + ":" + (at.getStartMark().getLine() + 1), message);
    }

    <T> T wrap(Node at, java.util.function.Supplier<T> s) {
      try {
        return s.get();
      } catch (BadInputException e) {
        if (e.located()) {
          throw e;
        }
        throw error(at, e.getMessage());
      }
    }

    Map<String, Node> mapping(Node n, String what, Set<String> known) {
      if (!(n instanceof MappingNode m)) {
        throw error(n, what + " must be a mapping");
      }
      Map<String, Node> out = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        String k = scalar(t.getKeyNode(), "key");
        if (!known.contains(k)) {
          throw error(t.getKeyNode(), "unknown key \"" + Names.printable(k) + "\" in " + what + " (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
        }
        out.put(k, t.getValueNode());
      }
      return out;
    }

    Node req(Map<String, Node> m, Node parent, String key) {
      Node n = m.get(key);
      if (n == null) {
        throw error(parent, key + " is required");
      }
      return n;
    }

    String scalar(Node n, String what) {
      if (!(n instanceof ScalarNode s)) {
        throw error(n, what + " must be a single value");
      }
      return s.getValue();
    }
  }
}
