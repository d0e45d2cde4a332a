package io.netctl.validator.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.validator.CheckKind;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class ReportsTest {
  static Report sample() {
    return new Report.Builder()
        .ran("ipam", CheckKind.CONFIG, List.of("node-a", "node-b"), List.of(
            Finding.of(Code.POOL_MISSING, "node-b", "IPPool netctl-10-3-240-32-27", "missing"),
            Finding.of(Code.HOST_IP_MISSING, "node-a", "a host IP", "none recorded")))
        .ran("routes rr-1", CheckKind.ROUTES, List.of("10.3.240.0/27"), List.of(
            Finding.of(Code.ROUTE_STRAY, "10.3.241.0/28 <\"evil\"> & more", "nothing", "via 172.31.0.9")))
        .notRun("sessions", CheckKind.SESSIONS, "no session source: give --local, --bird-socket or --monitor")
        .build();
  }

  @Test
  void textIsGroupedWithOneLineSummary() {
    StringWriter w = new StringWriter();
    TextReport.write(sample(), new PrintWriter(w, true));
    String t = w.toString();
    assertThat(t).contains("== config").contains("error pool-missing  node-b").contains("warning host-ip-missing  node-a")
        .contains("not run: sessions: no session source").contains("fix:");
    String[] lines = t.split("\n");
    assertThat(lines[lines.length - 1]).isEqualTo("FAIL: 2 errors, 1 warning; 2 checks ran, 1 not run");
    assertThat(t.indexOf("== config")).isLessThan(t.indexOf("== sessions")).isLessThan(t.indexOf("== routes"));
  }

  @Test
  void healthyTextSaysOk() {
    Report r = new Report.Builder().ran("ipam", CheckKind.CONFIG, List.of("a"), List.of()).build();
    StringWriter w = new StringWriter();
    TextReport.write(r, new PrintWriter(w, true));
    assertThat(w.toString()).contains("ok (1 subjects)").endsWith("OK: 0 errors, 0 warnings; 1 check ran\n");
  }

  @Test
  void aReportWhereNothingRanNeverSaysOk() {
    Report r = new Report.Builder().notRun("sessions", CheckKind.SESSIONS, "no session source").notRun("routes", CheckKind.ROUTES, "no route source").build();
    assertThat(TextReport.summary(r)).isEqualTo("NOT CHECKED: 0 errors, 0 warnings; 0 checks ran, 2 not run");
  }

  @Test
  void jsonHasSummaryChecksAndFindings() throws Exception {
    JsonNode j = new ObjectMapper().readTree(JsonReport.write(sample()));
    assertThat(j.get("summary").get("errors").asInt()).isEqualTo(2);
    assertThat(j.get("summary").get("warnings").asInt()).isEqualTo(1);
    assertThat(j.get("checks")).hasSize(3);
    assertThat(j.get("checks").get(2).get("ran").asBoolean()).isFalse();
    assertThat(j.get("checks").get(2).get("reason").asText()).contains("no session source");
    JsonNode f = j.get("findings").get(0);
    assertThat(f.get("code").asText()).isEqualTo("pool-missing");
    assertThat(f.get("severity").asText()).isEqualTo("error");
    assertThat(f.get("check").asText()).isEqualTo("config");
    assertThat(f.get("hint").asText()).isNotBlank();
  }

  @Test
  void junitXmlIsValidAgainstTheSchemaWithOneCasePerCheckAndSubject() throws Exception {
    String xml = JunitReport.write(sample());
    var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new StreamSource(getClass().getResourceAsStream("/junit.xsd")));
    schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    assertThat(d.getElementsByTagName("testsuite").getLength()).isEqualTo(3);
    assertThat(d.getElementsByTagName("testcase").getLength()).isEqualTo(2 + 2 + 1); // config a,b; routes: checked prefix + stray subject; sessions skipped
    assertThat(d.getElementsByTagName("failure").getLength()).isEqualTo(2);
    assertThat(d.getElementsByTagName("skipped").getLength()).isEqualTo(1);
    assertThat(d.getDocumentElement().getAttribute("failures")).isEqualTo("2");
    assertThat(xml).contains("&lt;&quot;evil&quot;&gt; &amp; more");
  }
}
