package io.netctl.cli.options;

import io.netctl.ipam.BadInputException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/** Durations as operators write them: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or a bare number of seconds. */
public final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern P = Pattern.compile("(\\d+)(ms|s|m|h)?");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  public static Duration parse(String value) {
    Matcher m = P.matcher(value.strip());
    if (!m.matches()) {
      throw new BadInputException("invalid duration \"" + value + "\": use e.g. 500ms, 5s, 2m, 1h");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }
}
