package io.netctl.ipam;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import java.util.regex.Pattern;

/** Validation of the names and addresses users type, each failing with a one-line {@link BadInputException}. */
public final class Names {
  private Names() {}

  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern DOTTED_QUAD_PREFIX = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}");
  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  /** A Kubernetes node name: a DNS-1123 subdomain of at most 253 characters. */
  public static String node(String name) {
    if (name == null || name.isEmpty()) {
      throw new BadInputException("node name is empty");
    }
    if (name.length() > 253 || !DNS1123_SUBDOMAIN.matcher(name).matches()) {
      throw new BadInputException(
          "invalid node name \"" + printable(name) + "\": must be a DNS-1123 name (lower-case letters, digits, '-' and '.', "
              + "starting and ending with a letter or digit, at most 253 characters)");
    }
    return name;
  }

  /** A DNS-1123 label (at most 63 characters), e.g. a director or route-reflector name. */
  public static String label(String what, String name) {
    if (name == null || name.length() > 63 || !DNS1123_LABEL.matcher(name).matches()) {
      throw new BadInputException(
          "invalid " + what + " \"" + printable(String.valueOf(name)) + "\": must be a DNS-1123 label "
              + "(lower-case letters, digits and '-', at most 63 characters)");
    }
    return name;
  }

  /** A unicast IPv4 address of a host, without prefix length. */
  public static IPv4Address hostIp(String what, String text) {
    if (text == null || !DOTTED_QUAD.matcher(text.strip()).matches()) {
      throw new BadInputException("invalid " + what + " \"" + printable(String.valueOf(text)) + "\": not an IPv4 address (a.b.c.d)");
    }
    IPAddress a;
    try {
      a = new IPAddressString(text == null ? "" : text.strip()).toAddress();
    } catch (AddressStringException e) {
      throw new BadInputException("invalid " + what + " \"" + printable(String.valueOf(text)) + "\": not an IPv4 address");
    }
    if (a == null || !a.isIPv4() || a.isPrefixed() || a.isMultiple() || !text.strip().contains(".")) {
      throw new BadInputException("invalid " + what + " \"" + printable(String.valueOf(text)) + "\": not a single IPv4 address");
    }
    IPv4Address v4 = a.toIPv4();
    if (v4.isZero() || v4.isLoopback() || v4.isMulticast() || v4.isLinkLocal() || v4.isMax()) {
      throw new BadInputException("invalid " + what + " " + v4 + ": not a unicast host address");
    }
    return v4;
  }

  /** A strictly masked IPv4 prefix such as {@code 10.3.240.0/21}. */
  public static IPAddress ipv4Prefix(String what, String text) {
    String t = text == null ? "" : text.strip();
    if (t.contains(":") && t.contains("/")) {
      throw new BadInputException("invalid " + what + " " + printable(t) + ": only IPv4 ranges are supported");
    }
    if (!DOTTED_QUAD_PREFIX.matcher(t).matches()) {
      throw new BadInputException("invalid " + what + " \"" + printable(t) + "\": not a CIDR such as 10.3.240.0/21");
    }
    IPAddress a;
    try {
      a = new IPAddressString(text == null ? "" : text.strip()).toAddress();
    } catch (AddressStringException e) {
      throw new BadInputException("invalid " + what + " \"" + printable(String.valueOf(text)) + "\": not a CIDR (" + e.getMessage() + ")");
    }
    if (a == null || !a.isPrefixed()) {
      throw new BadInputException("invalid " + what + " \"" + printable(String.valueOf(text)) + "\": not a CIDR such as 10.3.240.0/21");
    }
    if (!a.isIPv4()) {
      throw new BadInputException("invalid " + what + " " + text.strip() + ": only IPv4 ranges are supported");
    }
    if (!a.isSinglePrefixBlock()) {
      throw new BadInputException(
          "invalid " + what + " " + text.strip() + ": not aligned to its prefix length (did you mean " + a.toPrefixBlock().toCanonicalString() + "?)");
    }
    return a.toPrefixBlock();
  }

  /** Control characters replaced, and long strings shortened, so a message stays one readable line. */
  public static String printable(String s) {
    String t = s.replaceAll("\\p{Cntrl}", "?");
    return t.length() > 80 ? t.substring(0, 77) + "..." : t;
  }
}
