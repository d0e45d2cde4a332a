package io.netctl.cli.options;

import io.netctl.ipam.BadInputException;
import io.netctl.ipam.Names;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;

/**
 * Durations as operators write them: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or a bare
 * number of seconds. Each flag's own bounds are checked where the flag is used ({@link Bounds}).
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern P = Pattern.compile("(\\d+)(ms|s|m|h|d)?");
  /** Longer than any flag allows (a year): bigger values are refused before any arithmetic can overflow. */
  private static final Duration MAX = Duration.ofDays(366);

  /** As {@link #parse}; picocli names the flag in front of the message ({@code Invalid value for option '--etcd-timeout': ...}). */
  @Override
  public Duration convert(String value) {
    try {
      return parse(value);
    } catch (BadInputException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }

  public static Duration parse(String value) {
    Matcher m = P.matcher(value.strip());
    if (!m.matches()) {
      throw new BadInputException("invalid duration \"" + Names.printable(value) + "\": use e.g. 500ms, 5s, 2m, 1h");
    }
    String unit = m.group(2) == null ? "s" : m.group(2);
    String digits = m.group(1).replaceFirst("^0+(?=\\d)", "");
    if (digits.length() > 12) {
      throw new BadInputException("invalid duration \"" + Names.printable(value) + "\": longer than a year");
    }
    long n = Long.parseLong(digits);
    Duration d = switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofSeconds(n);
    };
    if (d.compareTo(MAX) > 0) {
      throw new BadInputException("invalid duration \"" + Names.printable(value) + "\": longer than a year");
    }
    return d;
  }

  /** {@code 200ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 30d}: the largest unit that is exact. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000L == 0 && ms > 0) {
      return ms / 86_400_000L + "d";
    }
    if (ms % 3_600_000L == 0 && ms > 0) {
      return ms / 3_600_000L + "h";
    }
    if (ms % 60_000L == 0 && ms > 0) {
      return ms / 60_000L + "m";
    }
    if (ms % 1000L == 0) {
      return ms / 1000L + "s";
    }
    return ms + "ms";
  }
}
