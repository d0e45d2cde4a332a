package io.netctl.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parser of the Prometheus text exposition format (0.0.4) for tests: every sample by its
 * series, {@code name{a="x",b="y"}} with labels sorted. Comments (HELP, TYPE) are checked for
 * form and skipped.
 */
public final class PromText {
  private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  private final Map<String, Double> samples;

  private PromText(Map<String, Double> samples) {
    this.samples = samples;
  }

  public static PromText parse(String text) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        if (!line.matches("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*") && !line.startsWith("# EOF")) {
          throw new IllegalArgumentException("not a Prometheus comment: " + line);
        }
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a Prometheus sample: " + line);
      }
      Map<String, String> labels = new TreeMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        int end = 0;
        while (l.find()) {
          if (l.start() != end) {
            throw new IllegalArgumentException("bad labels: " + line);
          }
          labels.put(l.group(1), l.group(2));
          end = l.end();
        }
        if (end != m.group(3).length()) {
          throw new IllegalArgumentException("bad labels: " + line);
        }
      }
      out.put(key(m.group(1), labels), Double.parseDouble(m.group(4)));
    }
    return new PromText(out);
  }

  static String key(String name, Map<String, String> labels) {
    StringBuilder b = new StringBuilder(name);
    if (!labels.isEmpty()) {
      b.append('{');
      labels.forEach((k, v) -> b.append(k).append("=\"").append(v).append("\","));
      b.setLength(b.length() - 1);
      b.append('}');
    }
    return b.toString();
  }

  /** The sample, or null. Labels as alternating names and values. */
  public Double value(String name, String... labels) {
    Map<String, String> l = new TreeMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      l.put(labels[i], labels[i + 1]);
    }
    return samples.get(key(name, l));
  }

  /** The sample, or 0 when absent. */
  public double valueOr0(String name, String... labels) {
    Double v = value(name, labels);
    return v == null ? 0 : v;
  }

  public Map<String, Double> samples() {
    return samples;
  }

  /** Scrapes {@code http://127.0.0.1:PORT/metrics}. */
  public static PromText scrape(int port) {
    return parse(Http.get(port, "/metrics").body());
  }
}
