package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.netctl.cli.controller.MutableClock;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.Txn;
import io.netctl.lab.EtcdCluster;
import io.netctl.lab.HeadlessChromium;
import io.netctl.lab.Poll;
import io.netctl.lab.ReportPage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller's live pictures: {@code /status} and {@code /status.json} on its metrics port,
 * refreshed by the drift loop; read-only; a hostile IPPool name and a malformed record's key in
 * etcd render as text; a Secret's value never shows; the page in headless Chromium (Debian's
 * chromium and chromedriver) draws what the JSON says, answers clicks and filters, logs no error
 * and fetches nothing. The screenshot docs/pictures/controller-status.png is made here.
 */
class ControllerStatusIT {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String HOSTILE = "<script>alert(\"pwned\")</script>'\u00fc\u2603";
  static final String SECRET = "s3cr3t-bgp-password";
  static final ObjectMapper M = new ObjectMapper();
  @RegisterExtension static final ControllerFixture fixture = new ControllerFixture();
  @TempDir Path dir;

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
  final int port = EtcdCluster.freePort();

  /** Starts a controller with a topology whose passwords are Secret references, and two nodes. */
  void start() throws IOException {
    Path conf = dir.resolve("netctl.yaml");
    Files.writeString(conf, "routeReflectors:\n  - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1}\n"
        + "coreSwitches:\n  - {name: core-1, ip: 10.3.0.1, asNumber: 64512, password: {secretKeyRef: {name: bgp-secrets, key: core-1}}}\n"
        + "directors:\n  - {name: lvs-int-1, ip: 10.3.214.10, group: internal}\n");
    fixture.api().client().secrets().inNamespace("netctl").resource(new SecretBuilder().withNewMetadata().withName("bgp-secrets").withNamespace("netctl")
        .endMetadata().withStringData(Map.of("core-1", SECRET)).build()).create();
    fixture.controller("ctl-status", port, clock, "2s", "-c", conf.toString());
    fixture.api().createNode("node-1", "192.0.2.1", Map.of("team", HOSTILE.replaceAll("[^a-z]", "")));
    fixture.api().createNode("node-2", "192.0.2.2", Map.of());
  }

  static JsonNode json(int port) {
    Http.Response r = Http.get(port, "/status.json");
    if (r.status() != 200) {
      return null;
    }
    try {
      return M.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static long cells(JsonNode status, String state) {
    long n = 0;
    for (JsonNode range : status.get("pools")) {
      n += range.at("/counts/" + state).asLong();
    }
    return n;
  }

  @Test
  void statusShowsTheLastDriftCheckAsPicturesAndJson() throws Exception {
    start();
    Poll.until(WAIT, "both nodes healthy in /status.json", () -> {
      JsonNode s = json(port);
      return s != null && cells(s, "healthy") + cells(s, "findings") == 2;
    });
    // a foreign IPPool with a hostile name inside a managed range, and a malformed record with a hostile key
    fixture.store().commit(Txn.builder()
        .create(CalicoKeys.IPPOOLS + "foreign", "{\"kind\":\"IPPool\",\"apiVersion\":\"projectcalico.org/v3\",\"metadata\":{\"name\":\""
            + HOSTILE.replace("\"", "\\\"") + "\"},\"spec\":{\"cidr\":\"10.3.247.0/27\"}}")
        .create("/netctl/v1/allocations/" + HOSTILE, "{not json").build());
    Poll.until(WAIT, "the foreign pool in /status.json", () -> {
      JsonNode s = json(port);
      return s != null && cells(s, "foreign") == 1;
    });
    JsonNode s = json(port);
    assertThat(s.get("version").asText()).isEqualTo(Version.VERSION);
    assertThat(s.at("/sessions/counts/unobserved").asInt()).isEqualTo(3); // node-1, node-2 with rr-1; rr-1 with core-1
    assertThat(s.get("findings").findValuesAsText("code")).contains("record-malformed");
    assertThat(s.get("findings").findValuesAsText("subject")).anyMatch(x -> x.contains(HOSTILE));

    Http.Response page = Http.get(port, "/status");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("<meta http-equiv=\"refresh\" content=\"30\">")
        .contains("data-cidr=\"10.3.247.0/27\" data-state=\"foreign\"").contains("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;&#39;\u00fc\u2603")
        .doesNotContain("<script>alert").doesNotContain(SECRET);
    assertThat(Http.get(port, "/status.json").body()).doesNotContain(SECRET);
    assertThat(Http.get(port, "/statusx").status()).isEqualTo(404);

    HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status"))
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    HttpResponse<String> head = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(head.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).startsWith("default-src 'none'"));
    assertThat(head.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void theStatusPageInChromiumShowsWhatTheJsonSaysAndFetchesNothing() throws Exception {
    start();
    fixture.store().commit(Txn.builder()
        .create(CalicoKeys.IPPOOLS + "foreign", "{\"kind\":\"IPPool\",\"apiVersion\":\"projectcalico.org/v3\",\"metadata\":{\"name\":\""
            + HOSTILE.replace("\"", "\\\"") + "\"},\"spec\":{\"cidr\":\"10.3.247.0/27\"}}").build());
    Poll.until(WAIT, "both nodes and the foreign pool in /status.json", () -> {
      JsonNode s = json(port);
      return s != null && cells(s, "healthy") + cells(s, "findings") == 2 && cells(s, "foreign") == 1;
    });
    // stop the drift check from changing the page between the JSON and the page: the next check renders the same
    JsonNode s = json(port);
    String url = "http://127.0.0.1:" + port + "/status";
    try (HeadlessChromium chromium = HeadlessChromium.start(1400, 1000)) {
      chromium.open(url);
      ReportPage page = new ReportPage(chromium);
      JsonNode shown = json(port);
      assertThat(shown.get("at")).as("no check between the page and its JSON").isEqualTo(s.get("at"));
      for (String state : new String[] {"free", "healthy", "findings", "foreign", "seen"}) {
        assertThat(page.cells(state)).as(state).isEqualTo(cells(s, state));
      }
      for (String state : new String[] {"established", "down", "unobserved", "unexpected"}) {
        assertThat(page.edges(state)).as(state).isEqualTo(s.at("/sessions/counts/" + state).asInt());
      }
      assertThat(page.edges("unobserved")).isEqualTo(3);
      String node1 = fixture.reader().show("node-1").orElseThrow().cidrText();
      assertThat(page.clickCell(node1)).contains(node1).contains("node: node-1").contains("host IP: 192.0.2.1");
      assertThat(page.clickCell("10.3.247.0/27")).contains("held by: IPPool " + HOSTILE.replace("\u0007", ""));
      assertThat(page.click(page.edge("node-1", "rr-1"))).contains("node-1").contains("rr-1").contains("unobserved");

      String code = s.at("/findings/0/code").asText();
      long withCode = 0;
      for (JsonNode f : s.get("findings")) {
        withCode += f.get("code").asText().equals(code) ? 1 : 0;
      }
      assertThat(page.filterByCode(code)).hasSize((int) withCode).containsOnly(code);
      assertThat(page.filterByCode("")).hasSize(s.get("findings").size());
      String subject = s.at("/findings/0/subject").asText();
      long withSubject = 0;
      for (JsonNode f : s.get("findings")) {
        withSubject += f.get("subject").asText().toLowerCase(java.util.Locale.ROOT).contains(subject.toLowerCase(java.util.Locale.ROOT)) ? 1 : 0;
      }
      assertThat(page.filterBySubject(subject)).hasSize((int) withSubject);

      assertThat(chromium.driver().findElements(By.tagName("script"))).as("only the page's own script").hasSize(1);
      assertThat(chromium.driver().findElement(By.cssSelector("#pools .c[data-cidr='10.3.247.0/27']")).getAttribute("title")).contains(HOSTILE.substring(0, 20));
      try {
        chromium.driver().switchTo().alert();
        throw new AssertionError("a hostile name ran as script");
      } catch (NoAlertPresentException expected) {
        // the name is text
      }
      assertThat(chromium.consoleErrors()).isEmpty();
      assertThat(page.resourcesLoaded()).isZero();
      assertThat(chromium.requests()).isNotEmpty().allMatch(url::equals);
      page.filterBySubject("");
      chromium.script("window.scrollTo(0, 0)");
      chromium.screenshot(ReportPage.docs().resolve("pictures/controller-status.png"));
    }
  }
}
