package io.netctl.validator.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import io.netctl.validator.Severity;
import java.util.Locale;

/**
 * A report for tools: {@code {"summary":{"errors","warnings","infos"},"checks":[{"name","scope","ran","reason","subjects"}],
 * "findings":[{"code","severity","check","subject","expected","observed","hint"}]}}.
 */
public final class JsonReport {
  private JsonReport() {}

  private static final ObjectMapper M = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static ObjectNode tree(Report report) {
    ObjectNode root = M.createObjectNode();
    ObjectNode summary = root.putObject("summary");
    summary.put("errors", report.count(Severity.ERROR));
    summary.put("warnings", report.count(Severity.WARNING));
    summary.put("infos", report.count(Severity.INFO));
    ArrayNode checks = root.putArray("checks");
    for (Report.CheckRun c : report.checks()) {
      ObjectNode o = checks.addObject();
      o.put("name", c.name());
      o.put("scope", c.kind().scopeName());
      o.put("ran", c.ran());
      if (!c.ran()) {
        o.put("reason", c.reason());
      }
      o.put("subjects", c.subjects().size());
    }
    ArrayNode findings = root.putArray("findings");
    for (Finding f : report.findings()) {
      ObjectNode o = findings.addObject();
      o.put("code", f.code().id());
      o.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
      o.put("check", f.check().scopeName());
      o.put("subject", f.subject());
      o.put("expected", f.expected());
      o.put("observed", f.observed());
      o.put("hint", f.hint());
    }
    return root;
  }

  public static String write(Report report) {
    try {
      return M.writeValueAsString(tree(report));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
