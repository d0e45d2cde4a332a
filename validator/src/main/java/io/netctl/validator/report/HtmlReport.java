package io.netctl.validator.report;

import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import io.netctl.validator.picture.NetworkPicture;
import io.netctl.validator.picture.PoolCell;
import io.netctl.validator.picture.PoolState;
import io.netctl.validator.picture.RangeMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The pictures as one self-contained HTML page: a header (verdict, time, version, what was
 * observed and what could not be), the pool map, the session graph ({@link SessionSvg}) and the
 * findings table. Inline CSS, JS and SVG only; a Content-Security-Policy of {@code default-src
 * 'none'} makes the browser refuse any fetch. Every text from outside (node names, labels,
 * subjects) is escaped; the script reads it back through {@code textContent} only.
 *
 * <p>Markers for tests: every pool cell has {@code data-cidr} and {@code data-state}, every
 * session edge {@code data-node}, {@code data-peer} and {@code data-state}, every finding row
 * {@code data-code} (and {@code data-severity}, {@code data-subject}).
 */
public final class HtmlReport {
  private HtmlReport() {}

  private static final String CSS = resource("html-report.css");
  private static final String JS = resource("html-report.js");

  /** The page of a {@code netctl check} or {@code validate} run. */
  public static String write(NetworkPicture p) {
    return write(p, "netctl check", 0);
  }

  /**
   * The page.
   *
   * @param title its heading ({@code netctl check}, {@code netctl controller status})
   * @param refreshSeconds when positive, the page reloads itself after so many seconds (the live status page)
   */
  public static String write(NetworkPicture p, String title, int refreshSeconds) {
    StringBuilder b = new StringBuilder(64 * 1024 + p.ranges().stream().mapToInt(r -> r.cells().size()).sum() * 90 + p.edges().size() * 160);
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n");
    if (refreshSeconds > 0) {
      b.append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">\n");
    }
    b.append("<title>").append(esc(title)).append(" \u2014 ").append(esc(p.summary())).append("</title>\n<style>").append(CSS).append("</style></head>\n<body>\n");
    header(b, p, title);
    b.append("<div id=\"detail\" aria-live=\"polite\"></div>\n");
    pools(b, p);
    SessionSvg.write(b, p);
    findings(b, p);
    b.append("<script>").append(JS).append("</script>\n</body></html>\n");
    return b.toString();
  }

  private static void header(StringBuilder b, NetworkPicture p, String title) {
    String verdict = p.summary().contains(":") ? p.summary().substring(0, p.summary().indexOf(':')) : p.summary();
    b.append("<header id=\"head\"><h1>").append(esc(title)).append("</h1>\n<p><span class=\"verdict v-")
        .append(verdict.toLowerCase(Locale.ROOT).replace(" ", "")).append("\" id=\"summary\">").append(esc(p.summary())).append("</span></p>\n")
        .append("<p class=\"meta\">at <time id=\"at\">").append(DateTimeFormatter.ISO_INSTANT.format(p.at())).append("</time> \u00b7 netctl <span id=\"version\">")
        .append(esc(p.version())).append("</span>");
    if (p.revision() > 0) {
      b.append(" \u00b7 datastore revision ").append(p.revision());
    }
    b.append("</p>\n<h3>Observed</h3><ul class=\"ran\">\n");
    for (Report.CheckRun c : p.checks()) {
      if (c.ran()) {
        b.append("<li data-check=\"").append(esc(c.name())).append("\">").append(esc(c.name())).append(" (").append(c.subjects().size()).append(" subjects)</li>\n");
      }
    }
    b.append("</ul>\n");
    if (p.checks().stream().anyMatch(c -> !c.ran())) {
      b.append("<h3>Could not be observed</h3><ul class=\"notrun\">\n");
      for (Report.CheckRun c : p.checks()) {
        if (!c.ran()) {
          b.append("<li data-check=\"").append(esc(c.name())).append("\">not run: ").append(esc(c.name())).append(": ").append(esc(c.reason())).append("</li>\n");
        }
      }
      b.append("</ul>\n");
    }
    b.append("</header>\n");
  }

  private static void pools(StringBuilder b, NetworkPicture p) {
    b.append("<section id=\"pools\"><h2>Pool map</h2>\n<p class=\"legend\">");
    for (PoolState s : PoolState.values()) {
      b.append("<span><i class=\"").append(s.id()).append("\"></i> ").append(legend(s)).append("</span>");
    }
    b.append("</p>\n");
    for (RangeMap r : p.ranges()) {
      b.append("<div class=\"range\" data-range=\"").append(esc(r.range())).append("\"><h3>").append(esc(r.range())).append(" \u2014 ")
          .append(r.blocks()).append(" /").append(r.blockSize()).append(" blocks <span class=\"bar\" title=\"")
          .append(String.format(Locale.ROOT, "%.1f%% held", r.used() * 100)).append("\"><span style=\"width:")
          .append(String.format(Locale.ROOT, "%.1f", r.used() * 100)).append("%\"></span></span> ")
          .append(String.format(Locale.ROOT, "%.1f%% held", r.used() * 100)).append("</h3>\n<p class=\"counts\">");
      r.counts().forEach((s, n) -> b.append("<span class=\"n-").append(s.id()).append("\">").append(s.id()).append(' ').append(n).append("</span>"));
      if (r.sparse()) {
        b.append(" (").append(r.counts().get(PoolState.FREE)).append(" free blocks not drawn)");
      }
      b.append("</p>\n<div class=\"grid\">");
      for (PoolCell c : r.cells()) {
        b.append("<i class=\"c ").append(c.state().id()).append("\" data-cidr=\"").append(c.cidr()).append("\" data-state=\"").append(c.state().id()).append('"');
        if (c.state() != PoolState.FREE) {
          if (!c.findings().isEmpty()) {
            b.append(" id=\"p-").append(c.cidr()).append('"');
          }
          b.append(" title=\"").append(c.cidr());
          if (c.node() != null) {
            b.append(" \u2014 ").append(esc(c.node())).append(" (").append(esc(c.hostIp() == null ? "no host IP" : c.hostIp())).append(')');
          }
          if (c.holder() != null) {
            b.append(" \u2014 ").append(esc(c.holder()));
          }
          b.append(" \u2014 ").append(c.findings().size()).append(c.findings().size() == 1 ? " finding\"" : " findings\"");
          attr(b, "data-node", c.node());
          attr(b, "data-host", c.hostIp());
          attr(b, "data-holder", c.holder());
          attr(b, "data-seen", c.seenBy().isEmpty() ? null : String.join(", ", c.seenBy()));
          indexes(b, c.findings());
        }
        b.append("></i>");
      }
      b.append("</div></div>\n");
    }
    b.append("</section>\n");
  }

  private static void findings(StringBuilder b, NetworkPicture p) {
    b.append("<section id=\"findings\"><h2>Findings (").append(p.findings().size()).append(")</h2>\n<p class=\"filters\">")
        .append("<label>code <select id=\"f-code\"><option value=\"\">all</option>");
    new TreeSet<>(p.findings().stream().map(f -> f.code().id()).toList()).forEach(c -> b.append("<option value=\"").append(esc(c)).append("\">").append(esc(c)).append("</option>"));
    b.append("</select></label><label>severity <select id=\"f-severity\"><option value=\"\">all</option>")
        .append("<option value=\"error\">error</option><option value=\"warning\">warning</option><option value=\"info\">info</option></select></label>")
        .append("<label>subject <input id=\"f-subject\" type=\"search\" placeholder=\"contains\"></label> <span id=\"f-shown\"></span></p>\n")
        .append("<table><thead><tr><th>severity</th><th>code</th><th>subject</th><th>expected</th><th>observed</th><th>fix</th></tr></thead><tbody>\n");
    for (int i = 0; i < p.findings().size(); i++) {
      Finding f = p.findings().get(i);
      String sev = f.severity().name().toLowerCase(Locale.ROOT);
      String target = p.targets().get(i);
      b.append("<tr data-code=\"").append(esc(f.code().id())).append("\" data-severity=\"").append(sev).append("\" data-subject=\"").append(esc(f.subject()))
          .append("\" data-target=\"").append(esc(target)).append("\"><td class=\"sev-").append(sev).append("\">").append(sev).append("</td><td>")
          .append(esc(f.code().id())).append("</td><td>");
      if (target.isEmpty()) {
        b.append(esc(f.subject()));
      } else {
        b.append("<a class=\"to\" href=\"#").append(esc(target)).append("\">").append(esc(f.subject())).append("</a>");
      }
      b.append("</td><td>").append(esc(f.expected())).append("</td><td>").append(esc(f.observed())).append("</td><td>").append(esc(f.hint())).append("</td></tr>\n");
    }
    b.append("</tbody></table></section>\n");
  }

  private static String legend(PoolState s) {
    switch (s) {
      case FREE: return "free";
      case HEALTHY: return "allocated, no findings";
      case FINDINGS: return "allocated, with findings";
      case FOREIGN: return "held by a foreign IPPool or block";
      default: return "unallocated but seen in routes";
    }
  }

  static void attr(StringBuilder b, String name, String value) {
    if (value != null && !value.isEmpty()) {
      b.append(' ').append(name).append("=\"").append(esc(value)).append('"');
    }
  }

  static void indexes(StringBuilder b, List<Integer> findings) {
    if (!findings.isEmpty()) {
      b.append(" data-f=\"");
      for (int i = 0; i < findings.size(); i++) {
        b.append(i == 0 ? "" : " ").append(findings.get(i));
      }
      b.append('"');
    }
  }

  /** Text for HTML element content and quoted attributes (and SVG): {@code & < > " '} escaped, control characters dropped. */
  public static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder o = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&': o.append("&amp;"); break;
        case '<': o.append("&lt;"); break;
        case '>': o.append("&gt;"); break;
        case '"': o.append("&quot;"); break;
        case '\'': o.append("&#39;"); break;
        default:
          if (c >= 0x20 || c == '\t' || c == '\n') {
            o.append(c);
          }
      }
    }
    return o.toString();
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
