package io.netctl.bgp.calico;

import com.fasterxml.jackson.databind.JsonNode;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.Names;
import java.util.OptionalLong;

/** Autonomous system numbers (RFC 6793: 1..4294967295), in asplain ({@code 64512}) or asdot ({@code 1.10}) notation. */
public final class AsNumber {
  private AsNumber() {}

  public static final long MAX = 4294967295L;

  /** Parses asplain or asdot; {@code what} names the field in the error. */
  public static long parse(String what, String text) {
    String t = text == null ? "" : text.strip();
    long value;
    if (t.matches("\\d{1,10}")) {
      value = Long.parseLong(t);
    } else if (t.matches("\\d{1,5}\\.\\d{1,5}")) {
      int dot = t.indexOf('.');
      long high = Long.parseLong(t.substring(0, dot));
      long low = Long.parseLong(t.substring(dot + 1));
      if (high > 65535 || low > 65535) {
        throw new BadInputException(what + " \"" + Names.printable(t) + "\": each half of an asdot number is 0..65535");
      }
      value = high * 65536 + low;
    } else {
      throw new BadInputException(what + " \"" + Names.printable(t) + "\": not an AS number (1..4294967295, or asdot like 1.10)");
    }
    return check(what, value);
  }

  public static long check(String what, long value) {
    if (value < 1 || value > MAX) {
      throw new BadInputException(what + " " + value + ": out of range (1..4294967295)");
    }
    return value;
  }

  /** asdot+ rendering for messages: {@code 65546} → {@code 1.10}; values below 65536 stay plain. */
  public static String asdot(long as) {
    return as < 65536 ? Long.toString(as) : (as >>> 16) + "." + (as & 0xffff);
  }

  /**
   * An {@code asNumber} as Calico stores it: a JSON number, or a string in asplain or asdot
   * (numorstring.ASNumber accepts both, reference A.3). Empty when the field is absent or null.
   *
   * @throws IllegalArgumentException when the field is present but no AS number (0..4294967295)
   */
  public static OptionalLong fromCalico(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return OptionalLong.empty();
    }
    String t = n.isNumber() ? n.asText() : n.isTextual() ? n.asText().strip() : "";
    long v;
    if (t.matches("\\d{1,10}")) {
      v = Long.parseLong(t);
    } else if (t.matches("\\d{1,5}\\.\\d{1,5}")) {
      int dot = t.indexOf('.');
      long high = Long.parseLong(t.substring(0, dot));
      long low = Long.parseLong(t.substring(dot + 1));
      if (high > 65535 || low > 65535) {
        throw new IllegalArgumentException("asNumber " + t + " is not an AS number");
      }
      v = high * 65536 + low;
    } else {
      throw new IllegalArgumentException("asNumber " + n + " is not an AS number");
    }
    if (v > MAX) {
      throw new IllegalArgumentException("asNumber " + v + " is out of range");
    }
    return OptionalLong.of(v);
  }
}
