package io.netctl.validator.report;

import static io.netctl.validator.report.HtmlReport.attr;
import static io.netctl.validator.report.HtmlReport.esc;
import static io.netctl.validator.report.HtmlReport.indexes;

import io.netctl.validator.picture.NetworkPicture;
import io.netctl.validator.picture.SessionEdge;
import io.netctl.validator.picture.SessionState;
import io.netctl.validator.picture.Vertex;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session graph of the HTML report: nodes on the left, route reflectors in the middle, core
 * switches (and unknown peers) on the right, netctl's monitor above the nodes, directors beside
 * (below: they hold no BGP session). Up to {@link #MAX_NODES} nodes each node and each session is
 * drawn; beyond, the nodes' sessions are drawn as one box per reflector and state with its count,
 * and a click opens the list of those sessions (each still an element with the edge markers).
 */
final class SessionSvg {
  private SessionSvg() {}

  /** The most nodes drawn one by one. */
  static final int MAX_NODES = 40;

  private static final int ROW = 26;
  private static final int BOX_W = 190;
  private static final int[] COL_X = {10, 330, 620};

  private record Pos(int x, int y) {}

  static void write(StringBuilder b, NetworkPicture p) {
    Map<String, Vertex.Kind> kinds = new HashMap<>();
    p.vertices().forEach(v -> kinds.putIfAbsent(v.name(), v.kind()));
    List<Vertex> nodes = p.vertices().stream().filter(v -> v.kind() == Vertex.Kind.NODE).toList();
    boolean grouped = nodes.size() > MAX_NODES;
    Map<SessionState, Integer> counts = new EnumMap<>(SessionState.class);
    p.edges().forEach(e -> counts.merge(e.state(), 1, Integer::sum));

    b.append("<section id=\"sessions\"><h2>Sessions (").append(p.edges().size()).append(")</h2>\n<p class=\"counts\">");
    for (SessionState s : SessionState.values()) {
      b.append("<span class=\"s-").append(s.id()).append("\" data-state=\"").append(s.id()).append("\" data-count=\"").append(counts.getOrDefault(s, 0))
          .append("\">").append(s.id()).append(' ').append(counts.getOrDefault(s, 0)).append("</span>");
    }
    b.append("</p>\n");

    // grouping of the nodes' sessions with reflectors (large graphs)
    Map<String, List<SessionEdge>> groups = new LinkedHashMap<>();
    List<SessionEdge> lines = new ArrayList<>();
    List<SessionEdge> other = new ArrayList<>();
    for (SessionEdge e : p.edges()) {
      boolean nodeEdge = kinds.get(e.node()) == Vertex.Kind.NODE;
      if (grouped && nodeEdge) {
        groups.computeIfAbsent(e.reflector() + "\u0000" + e.state().id(), k -> new ArrayList<>()).add(e);
      } else {
        lines.add(e);
      }
    }

    // positions
    Map<String, Pos> at = new HashMap<>();
    int[] rows = new int[3];
    for (Vertex v : p.vertices()) {
      if (v.kind() == Vertex.Kind.MONITOR) {
        at.put(v.name(), new Pos(COL_X[0], 20 + ROW * rows[0]++));
      }
    }
    List<String> groupKeys = new ArrayList<>(groups.keySet());
    if (!grouped) {
      nodes.forEach(v -> at.put(v.name(), new Pos(COL_X[0], 20 + ROW * rows[0]++)));
    }
    int groupRow0 = rows[0];
    rows[0] += groupKeys.size();
    for (Vertex v : p.vertices()) {
      int col = v.kind() == Vertex.Kind.ROUTE_REFLECTOR ? 1 : v.kind() == Vertex.Kind.CORE_SWITCH || v.kind() == Vertex.Kind.PEER ? 2 : -1;
      if (col > 0) {
        at.put(v.name(), new Pos(COL_X[col], 20 + ROW * rows[col]++));
      }
    }
    int height = 30 + ROW * Math.max(1, Math.max(rows[0], Math.max(rows[1], rows[2])));
    List<Vertex> directors = p.vertices().stream().filter(v -> v.kind() == Vertex.Kind.DIRECTOR).toList();
    int total = height + (directors.isEmpty() ? 0 : 60);
    b.append("<svg id=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(COL_X[2] + BOX_W + 20).append("\" height=\"").append(total)
        .append("\" role=\"img\" aria-label=\"session graph\">\n");

    for (SessionEdge e : lines) {
      Pos a = at.get(e.node());
      Pos z = at.get(e.peer());
      if (a == null || z == null) {
        other.add(e);
        continue;
      }
      b.append("<line class=\"edge s-").append(e.state().id()).append("\" x1=\"").append(a.x() + BOX_W).append("\" y1=\"").append(a.y() + 9)
          .append("\" x2=\"").append(z.x()).append("\" y2=\"").append(z.y() + 9).append('"');
      markers(b, e);
      attr(b, "data-detail", e.detail());
      b.append("><title>").append(esc(e.node())).append(" \u2192 ").append(esc(e.peer())).append(": ").append(e.state().id()).append("</title></line>\n");
    }
    for (int g = 0; g < groupKeys.size(); g++) {
      List<SessionEdge> es = groups.get(groupKeys.get(g));
      SessionEdge first = es.get(0);
      int y = 20 + ROW * (groupRow0 + g);
      Pos z = at.get(first.reflector());
      if (z != null) {
        b.append("<line class=\"link s-").append(first.state().id()).append("\" stroke-width=\"").append(1 + (int) Math.round(Math.log10(es.size()) * 2))
            .append("\" x1=\"").append(COL_X[0] + BOX_W).append("\" y1=\"").append(y + 9).append("\" x2=\"").append(z.x()).append("\" y2=\"").append(z.y() + 9)
            .append("\"></line>\n");
      }
      b.append("<g class=\"grp\" data-open=\"g-").append(g).append("\" data-rr=\"").append(esc(first.reflector())).append("\" data-state=\"")
          .append(first.state().id()).append("\" data-count=\"").append(es.size()).append("\"><rect class=\"box grp\" x=\"").append(COL_X[0]).append("\" y=\"")
          .append(y).append("\" width=\"").append(BOX_W).append("\" height=\"18\" rx=\"3\"></rect><text class=\"s-").append(first.state().id()).append("\" x=\"")
          .append(COL_X[0] + 5).append("\" y=\"").append(y + 13).append("\" fill=\"currentColor\">").append(es.size()).append(" nodes ").append(first.state().id())
          .append(" \u2192 ").append(esc(first.reflector())).append("</text></g>\n");
    }
    for (Vertex v : p.vertices()) {
      Pos pos = at.get(v.name());
      if (pos != null && (v.kind() != Vertex.Kind.NODE || !grouped)) {
        box(b, v, pos.x(), pos.y());
      }
    }
    for (int d = 0; d < directors.size(); d++) {
      box(b, directors.get(d), 10 + (d % 4) * (BOX_W + 10), height + 10 + (d / 4) * ROW);
    }
    b.append("</svg>\n");
    for (int g = 0; g < groupKeys.size(); g++) {
      List<SessionEdge> es = groups.get(groupKeys.get(g));
      b.append("<details class=\"group\" id=\"g-").append(g).append("\"><summary>").append(esc(es.get(0).reflector())).append(" \u2014 ")
          .append(es.get(0).state().id()).append(": ").append(es.size()).append(" sessions</summary>\n");
      table(b, es);
      b.append("</details>\n");
    }
    if (!other.isEmpty()) {
      b.append("<details class=\"group\" id=\"g-other\" open><summary>other sessions: ").append(other.size()).append("</summary>\n");
      table(b, other);
      b.append("</details>\n");
    }
    b.append("</section>\n");
  }

  private static void table(StringBuilder b, List<SessionEdge> es) {
    b.append("<table><thead><tr><th>node</th><th>seen</th></tr></thead><tbody>\n");
    for (SessionEdge e : es) {
      // compact rows (thousands of them): end tags omitted as HTML allows; peer and state are the group's
      b.append("<tr class=\"edge\"");
      markers(b, e);
      b.append("><td>").append(esc(e.node())).append("<td>").append(esc(e.detail())).append('\n');
    }
    b.append("</tbody></table>\n");
  }

  /** The edge markers; the anchor only on edges a finding links to, the detail only where the edge is drawn (not in a row that shows it). */
  private static void markers(StringBuilder b, SessionEdge e) {
    if (!e.findings().isEmpty()) {
      b.append(" id=\"").append(esc(e.anchor())).append('"');
    }
    b.append(" data-node=\"").append(esc(e.node())).append("\" data-peer=\"").append(esc(e.peer())).append("\" data-state=\"").append(e.state().id())
        .append('"');
    indexes(b, e.findings());
  }

  private static void box(StringBuilder b, Vertex v, int x, int y) {
    String cls = v.kind() == Vertex.Kind.ROUTE_REFLECTOR ? "box rr" : v.kind() == Vertex.Kind.CORE_SWITCH ? "box core"
        : v.kind() == Vertex.Kind.DIRECTOR ? "box dir" : "box";
    b.append("<g class=\"vertex\" data-kind=\"").append(v.kind().id()).append("\" data-name=\"").append(esc(v.name())).append("\"><rect class=\"").append(cls)
        .append("\" x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(BOX_W).append("\" height=\"18\" rx=\"3\"></rect><text x=\"")
        .append(x + 5).append("\" y=\"").append(y + 13).append("\">").append(esc(v.name()));
    if (!v.ip().isEmpty()) {
      b.append(" ").append(esc(v.ip()));
    }
    b.append("</text></g>\n");
  }
}
