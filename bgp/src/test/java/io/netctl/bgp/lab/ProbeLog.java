package io.netctl.bgp.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.lab.Lab;
import io.netctl.lab.Proc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a {@link Probe}'s JSON lines from its log (other lines, e.g. log output, are skipped). */
final class ProbeLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Proc.Daemon daemon;

  ProbeLog(Proc.Daemon daemon) {
    this.daemon = daemon;
  }

  /** Starts a probe JVM in {@code host}'s namespace with this JVM's class path. */
  static ProbeLog start(Lab.Host host, String logName, String... args) {
    List<String> cmd = new ArrayList<>(List.of("java", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp", System.getProperty("java.class.path"), Probe.class.getName()));
    cmd.addAll(List.of(args));
    return new ProbeLog(host.start(logName, cmd.toArray(String[]::new)));
  }

  Proc.Daemon daemon() {
    return daemon;
  }

  List<JsonNode> lines() {
    List<JsonNode> out = new ArrayList<>();
    for (String line : daemon.logText().split("\n")) {
      if (line.startsWith("{")) {
        try {
          out.add(JSON.readTree(line));
        } catch (Exception e) {
          // a line still being written
        }
      }
    }
    return out;
  }

  /** The latest RIB line of a BGP peer, or null. */
  JsonNode rib(String peer) {
    JsonNode last = null;
    for (JsonNode n : lines()) {
      if ("rib".equals(n.path("type").asText()) && peer.equals(n.path("peer").asText())) {
        last = n;
      }
    }
    return last;
  }

  /** prefix → route of the latest RIB line of a peer (empty when none). */
  Map<String, JsonNode> routes(String peer) {
    Map<String, JsonNode> out = new TreeMap<>();
    JsonNode rib = rib(peer);
    if (rib != null) {
      rib.path("routes").forEach(r -> out.put(r.path("prefix").asText(), r));
    }
    return out;
  }

  /** Every path of {@code prefix} in the latest RIB line of a peer (several with ADD-PATH), by path id. */
  List<JsonNode> paths(String peer, String prefix) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode rib = rib(peer);
    if (rib != null) {
      rib.path("routes").forEach(r -> {
        if (r.path("prefix").asText().equals(prefix)) {
          out.add(r);
        }
      });
    }
    return out;
  }

  /** Every path of {@code prefix} in the latest BMP RIB of a router's peer and view. */
  List<JsonNode> bmpPaths(String routerAddress, String peer, String view, String prefix) {
    JsonNode last = null;
    for (JsonNode n : lines()) {
      if ("bmp-ribs".equals(n.path("type").asText())) {
        last = n;
      }
    }
    List<JsonNode> out = new ArrayList<>();
    if (last != null) {
      for (JsonNode r : last.path("ribs")) {
        if (r.path("router").asText().startsWith(routerAddress + ":") && r.path("peer").asText().equals(peer)
            && r.path("view").asText().equals(view)) {
          r.path("routes").forEach(x -> {
            if (x.path("prefix").asText().equals(prefix)) {
              out.add(x);
            }
          });
        }
      }
    }
    return out;
  }

  /** The latest BMP RIB of a router's peer and view, prefix → route. */
  Map<String, JsonNode> bmpRoutes(String routerAddress, String peer, String view) {
    JsonNode last = null;
    for (JsonNode n : lines()) {
      if ("bmp-ribs".equals(n.path("type").asText())) {
        last = n;
      }
    }
    Map<String, JsonNode> out = new TreeMap<>();
    if (last != null) {
      for (JsonNode r : last.path("ribs")) {
        if (r.path("router").asText().startsWith(routerAddress + ":") && r.path("peer").asText().equals(peer)
            && r.path("view").asText().equals(view)) {
          r.path("routes").forEach(x -> out.put(x.path("prefix").asText(), x));
        }
      }
    }
    return out;
  }

  /** Lines of a type. */
  List<JsonNode> of(String type) {
    return lines().stream().filter(n -> type.equals(n.path("type").asText())).toList();
  }

  String text() {
    return daemon.logText();
  }
}
