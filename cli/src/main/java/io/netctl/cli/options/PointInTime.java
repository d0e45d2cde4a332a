package io.netctl.cli.options;

import io.netctl.ipam.BadInputException;
import io.netctl.ipam.Names;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A moment as an operator writes it: {@code now}, RFC 3339 ({@code 2026-11-24T14:00:00Z},
 * {@code 2026-11-24T15:00:00+01:00}), or relative to now ({@code 2h ago}, {@code 90m ago},
 * {@code 3d ago}, {@code 2w ago}, {@code 30s ago}), at most ten years back.
 */
public final class PointInTime {
  private static final Pattern AGO = Pattern.compile("(\\d{1,9})\\s*(s|m|h|d|w)\\s+ago");
  private static final Duration MAX_AGO = Duration.ofDays(3653);

  private PointInTime() {}

  /**
   * Parses {@code text} against {@code now}.
   *
   * @param what the flag or argument, for the message
   * @throws BadInputException naming the value and the accepted forms
   */
  public static Instant parse(String what, String text, Instant now) {
    String t = text.strip();
    if (t.equals("now")) {
      return now;
    }
    Matcher m = AGO.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d = switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      };
      if (d.compareTo(MAX_AGO) > 0) {
        throw new BadInputException(what + " \"" + Names.printable(text) + "\": at most ten years ago");
      }
      return now.minus(d);
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadInputException(what + " \"" + Names.printable(text) + "\": not a time; use RFC 3339 (2026-11-24T14:00:00Z), now, or e.g. 2h ago, 3d ago");
    }
  }
}
