package io.netctl.cli.output;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The formats of {@code -o/--output}: one option, one meaning, on every command. {@code text},
 * {@code json} and {@code yaml} print a command's result; the report formats ({@code junit}, {@code html}) only
 * {@code check} and {@code validate} print. A new format is a constant here and a case where it is
 * rendered.
 */
public enum OutputFormat {
  text(false),
  json(false),
  yaml(false),
  junit(true),
  html(true);

  private final boolean report;

  OutputFormat(boolean report) {
    this.report = report;
  }

  /** Whether only the report commands (check, validate) print it. */
  public boolean report() {
    return report;
  }

  /** Every name, for completion and messages: {@code text, json, yaml, junit, html}. */
  public static String names() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }

  /** Parses a format name (any case); anything else is a conversion error that says what -o takes. */
  public static final class Converter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.valueOf(value.strip().toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("\"" + io.netctl.ipam.Names.printable(value) + "\" is not an output format: use " + names()
            + " (check and validate write a report file with --report-file FILE)");
      }
    }
  }

  /** The names as picocli's completion candidates. */
  public static final class Candidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(values()).map(Enum::name).iterator();
    }
  }
}
