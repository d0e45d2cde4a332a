package io.netctl.validator.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.validator.picture.NetworkPicture;
import io.netctl.validator.picture.PoolCell;
import io.netctl.validator.picture.PoolState;
import io.netctl.validator.picture.RangeMap;
import io.netctl.validator.picture.SessionEdge;
import io.netctl.validator.picture.SessionState;
import io.netctl.validator.picture.Vertex;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;

/**
 * The pictures for tools (the controller's {@code /status.json}): {@code {"at","version","revision",
 * "summary","checks","findings"} } as {@link JsonReport} has them, {@code "pools":[{"range",
 * "blockSize","blocks","used","counts":{state:n},"cells":[{"cidr","state","node","hostIp","holder",
 * "seenBy","findings"}]}]} (cells that are not free only), {@code "vertices":[{"name","kind","ip"}]}
 * and {@code "sessions":{"counts":{state:n},"edges":[{"node","peer","reflector","state","detail",
 * "findings"}]}}; {@code findings} of a cell or edge are indexes into {@code "findings"}.
 */
public final class PictureJson {
  private PictureJson() {}

  private static final ObjectMapper M = new ObjectMapper();

  public static ObjectNode tree(NetworkPicture p) {
    ObjectNode root = M.createObjectNode();
    root.put("at", DateTimeFormatter.ISO_INSTANT.format(p.at()));
    root.put("version", p.version());
    root.put("revision", p.revision());
    root.put("summary", p.summary());
    ObjectNode report = JsonReport.tree(new io.netctl.validator.Report(p.findings(), p.checks()));
    root.set("checks", report.get("checks"));
    root.set("findings", report.get("findings"));
    ArrayNode pools = root.putArray("pools");
    for (RangeMap r : p.ranges()) {
      ObjectNode o = pools.addObject();
      o.put("range", r.range());
      o.put("blockSize", r.blockSize());
      o.put("blocks", r.blocks());
      o.put("used", Math.round(r.used() * 10000) / 10000.0);
      ObjectNode counts = o.putObject("counts");
      r.counts().forEach((s, n) -> counts.put(s.id(), n));
      ArrayNode cells = o.putArray("cells");
      for (PoolCell c : r.cells()) {
        if (c.state() == PoolState.FREE) {
          continue;
        }
        ObjectNode x = cells.addObject();
        x.put("cidr", c.cidr());
        x.put("state", c.state().id());
        x.put("node", c.node());
        x.put("hostIp", c.hostIp());
        x.put("holder", c.holder());
        ArrayNode seen = x.putArray("seenBy");
        c.seenBy().forEach(seen::add);
        ArrayNode fs = x.putArray("findings");
        c.findings().forEach(fs::add);
      }
    }
    ArrayNode vertices = root.putArray("vertices");
    for (Vertex v : p.vertices()) {
      vertices.addObject().put("name", v.name()).put("kind", v.kind().id()).put("ip", v.ip());
    }
    ObjectNode sessions = root.putObject("sessions");
    Map<SessionState, Integer> counts = new EnumMap<>(SessionState.class);
    p.edges().forEach(e -> counts.merge(e.state(), 1, Integer::sum));
    ObjectNode c = sessions.putObject("counts");
    for (SessionState s : SessionState.values()) {
      c.put(s.id(), counts.getOrDefault(s, 0));
    }
    ArrayNode edges = sessions.putArray("edges");
    for (SessionEdge e : p.edges()) {
      ObjectNode x = edges.addObject().put("node", e.node()).put("peer", e.peer()).put("reflector", e.reflector()).put("state", e.state().id())
          .put("detail", e.detail());
      ArrayNode fs = x.putArray("findings");
      e.findings().forEach(fs::add);
    }
    return root;
  }

  public static String write(NetworkPicture p) {
    try {
      return M.writeValueAsString(tree(p));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
