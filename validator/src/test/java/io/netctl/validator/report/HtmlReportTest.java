package io.netctl.validator.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.validator.CheckKind;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import io.netctl.validator.picture.NetworkPicture;
import io.netctl.validator.picture.NetworkPictureTest;
import io.netctl.validator.picture.PoolCell;
import io.netctl.validator.picture.PoolState;
import io.netctl.validator.picture.RangeMap;
import io.netctl.validator.picture.SessionEdge;
import io.netctl.validator.picture.SessionState;
import io.netctl.validator.picture.Vertex;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML page and the JSON of the pictures: the markers, nothing to fetch, hostile text rendered as text. */
class HtmlReportTest {
  private static final String HOSTILE = "<script>alert(\"x\")</script>'n\u00f6de-\u2603\u0007";

  private static long count(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    long n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void everyCellEdgeAndFindingCarriesItsMarkers() {
    NetworkPicture p = NetworkPictureTest.picture();
    String html = HtmlReport.write(p);
    assertThat(count(html, "<i class=\"c [a-z]+\" data-cidr=\"[0-9./]+\" data-state=\"[a-z]+\"")).isEqualTo(8);
    assertThat(count(html, "data-state=\"foreign\"")).isEqualTo(2);
    assertThat(count(html, "class=\"edge s-established\"[^>]*data-node=\"[^\"]+\" data-peer=\"rr-1\" data-state=\"established\"")).isEqualTo(2);
    assertThat(count(html, "class=\"edge s-down\"[^>]*data-state=\"down\"")).isEqualTo(2);
    assertThat(count(html, "<tr data-code=\"")).isEqualTo(p.findings().size());
    assertThat(html).contains("data-code=\"" + Code.ROUTE_MISSING.id() + "\"").contains("href=\"#p-10.3.240.64/27\"");
    assertThat(html).contains("id=\"p-10.3.240.64/27\"").contains("data-node=\"node-c\"").contains("data-host=\"192.0.2.3\"");
  }

  @Test
  void thePageIsSelfContainedAndForbidsEveryFetch() {
    String html = HtmlReport.write(NetworkPictureTest.picture());
    assertThat(html).contains("content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\"");
    assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContainPattern("(?i)(https?:|src=|<link|@import|url\\()");
  }

  @Test
  void hostileNamesLabelsAndSubjectsAreText() {
    Finding f = Finding.of(Code.SESSION_MISSING, HOSTILE + " -> 10.3.252.8", "a session with \"" + HOSTILE + "\"", HOSTILE);
    PoolCell cell = new PoolCell("10.3.240.0/27", PoolState.FINDINGS, HOSTILE, "192.0.2.1", null, List.of(HOSTILE), List.of(0));
    NetworkPicture p = new NetworkPicture(Instant.EPOCH, "1.0 <b>", 7, "FAIL: " + HOSTILE,
        List.of(Report.CheckRun.notRun("sessions " + HOSTILE, CheckKind.SESSIONS, "because " + HOSTILE)),
        List.of(new RangeMap("10.3.240.0/27", 27, 1, List.of(cell), Map.of(PoolState.FINDINGS, 1L))),
        List.of(new Vertex(HOSTILE, Vertex.Kind.NODE, "192.0.2.1"), new Vertex("rr-\"1\"", Vertex.Kind.ROUTE_REFLECTOR, "10.3.252.8")),
        List.of(new SessionEdge(HOSTILE, "rr-\"1\"", "rr-\"1\"", SessionState.DOWN, HOSTILE, List.of(0))), List.of(f), List.of("p-10.3.240.0/27"));
    String html = HtmlReport.write(p, "status of " + HOSTILE, 30);
    assertThat(html).doesNotContain("<script>alert").doesNotContain("\"x\"").doesNotContain("'n\u00f6").doesNotContain("<b>").doesNotContain("\u0007");
    assertThat(html).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;n\u00f6de-\u2603");
    assertThat(html).contains("data-peer=\"rr-&quot;1&quot;\"");
    assertThat(count(html, "<script>")).isEqualTo(1); // the page's own
    String json = PictureJson.write(p);
    JsonNode tree = read(json);
    assertThat(tree.at("/sessions/edges/0/node").asText()).isEqualTo(HOSTILE);
    assertThat(tree.at("/pools/0/cells/0/node").asText()).isEqualTo(HOSTILE);
  }

  @Test
  void theJsonHasThePicturesCountsAndFindings() {
    NetworkPicture p = NetworkPictureTest.picture();
    JsonNode t = read(PictureJson.write(p));
    assertThat(t.at("/pools/0/counts/foreign").asLong()).isEqualTo(2);
    assertThat(t.at("/pools/0/cells")).hasSize(6); // the free ones left out
    assertThat(t.at("/sessions/counts/down").asInt()).isEqualTo(2);
    assertThat(t.at("/sessions/counts/established").asInt()).isEqualTo(2);
    assertThat(t.at("/findings")).hasSize(p.findings().size());
    assertThat(t.at("/version").asText()).isEqualTo("test");
  }

  private static JsonNode read(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
