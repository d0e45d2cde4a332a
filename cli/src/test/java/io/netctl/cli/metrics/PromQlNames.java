package io.netctl.cli.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.lab.ReportPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, and the expressions of netctl's Grafana dashboard
 * ({@code deploy/grafana/netctl.json}) and PrometheusRule ({@code deploy/prometheusrule.yaml}).
 * A name is an identifier outside strings, label matchers, range selectors and grouping clauses
 * that is no function call, keyword or number.
 *
 * <p>Each expression reads the metrics of one {@link Exporter}: the agent's are the panels whose
 * title ends in {@code (agent)} and the alerts labelled {@code exporter: agent}; all others are the
 * controller's. CheckerE2EIT holds the controller's names against a real controller scrape,
 * AgentBfdIT the agent's against a real agent scrape.
 */
public final class PromQlNames {
  private PromQlNames() {}

  /** The process whose {@code /metrics} an expression reads. */
  public enum Exporter {
    CONTROLLER,
    AGENT
  }

  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
      "group_left", "group_right", "inf", "nan", "atan2");
  private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern RULE_EXPR = Pattern.compile("(?m)^\\s*expr:\\s*(.+)$");
  private static final Pattern AGENT_LABEL = Pattern.compile("(?m)^\\s*exporter:\\s*agent\\s*$");

  /** The metric names {@code expr} reads. */
  static Set<String> of(String expr) {
    String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", " ")
        .replaceAll("'(\\\\.|[^'\\\\])*'", " ")
        .replaceAll("\\{[^}]*}", " ")
        .replaceAll("\\[[^\\]]*]", " ")
        .replaceAll("(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> out = new TreeSet<>();
    Matcher m = IDENT.matcher(s);
    while (m.find()) {
      String id = m.group();
      int before = m.start() - 1;
      if (before >= 0 && (Character.isDigit(s.charAt(before)) || s.charAt(before) == '.')) {
        continue; // 1e3, 5m
      }
      int after = m.end();
      while (after < s.length() && s.charAt(after) == ' ') {
        after++;
      }
      if ((after < s.length() && s.charAt(after) == '(') || KEYWORDS.contains(id.toLowerCase(java.util.Locale.ROOT))) {
        continue;
      }
      out.add(id);
    }
    return out;
  }

  static Path deploy() {
    return ReportPage.docs().getParent().resolve("deploy");
  }

  /** Every {@code expr} of the dashboard's panels. */
  static List<String> dashboard() {
    List<String> out = new ArrayList<>(dashboard(Exporter.CONTROLLER));
    out.addAll(dashboard(Exporter.AGENT));
    return out;
  }

  /** The {@code expr}s of the panels that read {@code exporter}'s metrics. */
  static List<String> dashboard(Exporter exporter) {
    List<String> out = new ArrayList<>();
    try {
      JsonNode d = new ObjectMapper().readTree(deploy().resolve("grafana/netctl.json").toFile());
      for (JsonNode p : d.get("panels")) {
        if (exporter(p.path("title").asText().endsWith("(agent)")) == exporter) {
          p.findValues("expr").forEach(e -> out.add(e.asText()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Every {@code expr} of the PrometheusRule. */
  static List<String> rules() {
    List<String> out = new ArrayList<>(rules(Exporter.CONTROLLER));
    out.addAll(rules(Exporter.AGENT));
    return out;
  }

  /** The {@code expr}s of the alerts that read {@code exporter}'s metrics. */
  static List<String> rules(Exporter exporter) {
    List<String> out = new ArrayList<>();
    try {
      String[] alerts = Files.readString(deploy().resolve("prometheusrule.yaml")).split("(?m)^\\s*- alert:");
      for (int i = 1; i < alerts.length; i++) {
        if (exporter(AGENT_LABEL.matcher(alerts[i]).find()) != exporter) {
          continue;
        }
        Matcher m = RULE_EXPR.matcher(alerts[i]);
        while (m.find()) {
          out.add(m.group(1).strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static Exporter exporter(boolean agent) {
    return agent ? Exporter.AGENT : Exporter.CONTROLLER;
  }

  /** The metric names the dashboard and the rules read. */
  static Set<String> deployed() {
    Set<String> out = new TreeSet<>(deployed(Exporter.CONTROLLER));
    out.addAll(deployed(Exporter.AGENT));
    return out;
  }

  /** The metric names the dashboard's panels and the rules read from {@code exporter}'s {@code /metrics}. */
  public static Set<String> deployed(Exporter exporter) {
    Set<String> out = new TreeSet<>();
    dashboard(exporter).forEach(e -> out.addAll(of(e)));
    rules(exporter).forEach(e -> out.addAll(of(e)));
    return out;
  }
}
