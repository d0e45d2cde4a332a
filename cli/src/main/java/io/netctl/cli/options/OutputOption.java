package io.netctl.cli.options;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.netctl.cli.output.Json;
import io.netctl.cli.output.OutputFormat;
import io.netctl.cli.output.Yaml;
import java.io.PrintWriter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code -o/--output FORMAT}: the output format, on every command (before or after the
 * subcommand); part of {@link GlobalOptions}. A command that prints nothing structured ignores it.
 */
public final class OutputOption {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      scope = ScopeType.INHERIT,
      converter = OutputFormat.Converter.class,
      completionCandidates = OutputFormat.Candidates.class,
      description = "Output format: text, json or yaml; check and validate also junit (default: text).")
  OutputFormat format;

  /** Whether -o was given (rather than left to the default, text). */
  public boolean given() {
    return format != null;
  }

  public OutputFormat format() {
    return format == null ? OutputFormat.text : format;
  }

  /** JSON or YAML: the result as a document rather than as text for people. */
  public boolean structured() {
    return format() == OutputFormat.json || format() == OutputFormat.yaml;
  }

  /** Prints {@code node} as a pretty JSON document or a YAML document. */
  public void print(PrintWriter out, JsonNode node) {
    if (format() == OutputFormat.yaml) {
      out.print(Yaml.write(node));
    } else {
      out.println(Json.write(node));
    }
  }

  /** Prints one event of a stream: a JSON line, or a YAML document that starts with {@code ---}. */
  public void printEvent(PrintWriter out, JsonNode node) {
    if (format() == OutputFormat.yaml) {
      out.print("---\n" + Yaml.write(node));
      return;
    }
    try {
      out.println(Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
