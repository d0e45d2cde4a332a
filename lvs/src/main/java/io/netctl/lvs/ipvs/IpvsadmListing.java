package io.netctl.lvs.ipvs;

import io.netctl.ipam.BadInputException;
import io.netctl.ipam.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The virtual services of {@code ipvsadm -Ln} (or {@code -L -n}) output, as ipvsadm 1.x prints
 * them:
 *
 * <pre>
 * IP Virtual Server version 1.2.1 (size=4096)
 * Prot LocalAddress:Port Scheduler Flags
 *   -&gt; RemoteAddress:Port           Forward Weight ActiveConn InActConn
 * TCP  10.3.214.100:80 rr persistent 360
 *   -&gt; 10.3.240.5:8080              FullNat 1      0          0
 * FWM  100 wlc
 *   -&gt; [2001:db8::5]:80             Route   1      0          0
 * </pre>
 *
 * A service line is a protocol (TCP, UDP, SCTP, or FWM with a firewall mark), the virtual address
 * and port (IPv6 in brackets), the scheduler and flags. A real-server line is {@code ->}, address
 * and port, the forwarding method ({@code Masq}, {@code Local}, {@code Route}, {@code Tunnel},
 * {@code FullNat} of the FULLNAT kernels, ...), weight, active and inactive connections.
 *
 * @param services the virtual services in order
 */
public record IpvsadmListing(List<VirtualService> services) {
  private static final Pattern SERVICE = Pattern.compile("^(TCP|UDP|SCTP|FWM)\\s+(\\S+)\\s+(\\S+)(.*)$");
  private static final Pattern REAL = Pattern.compile("^->\\s+(\\S+)\\s+([A-Za-z]+)\\s+(-?\\d+)\\s+(\\d+)\\s+(\\d+)\\s*$");
  private static final Pattern ENDPOINT = Pattern.compile("^(?:(\\d{1,3}(?:\\.\\d{1,3}){3})|\\[([0-9A-Fa-f:.]+)\\]):(\\d{1,5})$");

  public IpvsadmListing {
    services = List.copyOf(services);
  }

  /**
   * A virtual service.
   *
   * @param protocol TCP, UDP, SCTP or FWM
   * @param address {@code 10.3.214.100:80}, or the firewall mark of an FWM service
   * @param scheduler rr, wlc, ...
   * @param realServers its real servers
   */
  public record VirtualService(String protocol, String address, String scheduler, List<RealServer> realServers) {
    public VirtualService {
      realServers = List.copyOf(realServers);
    }

    @Override
    public String toString() {
      return protocol + " " + address;
    }
  }

  /**
   * A real server of a virtual service.
   *
   * @param address its IP (IPv4 dotted quad, or IPv6 without brackets)
   * @param port its port
   * @param forward the forwarding method as ipvsadm prints it
   * @param weight its weight
   * @param line the line of the listing it came from (1-based)
   */
  public record RealServer(String address, int port, String forward, int weight, int line) {
    public RealServer {
      Objects.requireNonNull(address, "address");
    }

    public boolean ipv4() {
      return address.indexOf(':') < 0;
    }

    public String endpoint() {
      return (ipv4() ? address : "[" + address + "]") + ":" + port;
    }
  }

  /**
   * Parses a listing; {@code source} names it in errors.
   *
   * @throws BadInputException naming the first line that is not ipvsadm's numeric list format
   */
  public static IpvsadmListing parse(String source, String text) {
    List<VirtualService> out = new ArrayList<>();
    String proto = null;
    String addr = null;
    String sched = null;
    List<RealServer> reals = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    boolean sawAnything = false;
    for (int i = 0; i < lines.length; i++) {
      String raw = lines[i];
      String t = raw.strip();
      int n = i + 1;
      if (t.isEmpty() || t.startsWith("IP Virtual Server version") || t.startsWith("Prot LocalAddress:Port") || t.startsWith("-> RemoteAddress:Port")) {
        sawAnything |= !t.isEmpty();
        continue;
      }
      sawAnything = true;
      Matcher s = SERVICE.matcher(t);
      Matcher r = REAL.matcher(t);
      if (s.matches()) {
        if (proto != null) {
          out.add(new VirtualService(proto, addr, sched, reals));
        }
        proto = s.group(1);
        addr = s.group(2);
        sched = s.group(3);
        reals = new ArrayList<>();
        if (proto.equals("FWM") ? !addr.chars().allMatch(Character::isDigit) : !ENDPOINT.matcher(addr).matches()) {
          throw bad(source, n, raw, "virtual service address \"" + Names.printable(addr) + "\" is not IP:PORT (use ipvsadm -Ln: numeric)");
        }
      } else if (r.matches()) {
        if (proto == null) {
          throw bad(source, n, raw, "a real server before any virtual service");
        }
        Matcher e = ENDPOINT.matcher(r.group(1));
        if (!e.matches()) {
          throw bad(source, n, raw, "real server \"" + Names.printable(r.group(1)) + "\" is not IP:PORT (use ipvsadm -Ln: numeric)");
        }
        String ip = e.group(1) != null ? e.group(1) : e.group(2);
        if (e.group(1) != null) {
          for (String part : ip.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
              throw bad(source, n, raw, "real server address " + ip + " is not an IPv4 address");
            }
          }
        }
        int port = Integer.parseInt(e.group(3));
        if (port > 65535) {
          throw bad(source, n, raw, "port " + port + " is out of range");
        }
        reals.add(new RealServer(ip, port, r.group(2), weight(source, n, raw, r.group(3)), n));
      } else {
        throw bad(source, n, raw, "not a line of ipvsadm -Ln output");
      }
    }
    if (proto != null) {
      out.add(new VirtualService(proto, addr, sched, reals));
    }
    if (!sawAnything) {
      throw new BadInputException(source + ": empty; expected the output of ipvsadm -Ln");
    }
    return new IpvsadmListing(out);
  }

  /** The weight column, which the kernel holds as an int: digits beyond that are not ipvsadm's output. */
  private static int weight(String source, int line, String raw, String text) {
    long w = text.length() <= 11 ? Long.parseLong(text) : Long.MAX_VALUE; // "-" and 10 digits fit a long
    if (w < Integer.MIN_VALUE || w > Integer.MAX_VALUE) {
      throw bad(source, line, raw, "weight " + Names.printable(text) + " is out of range");
    }
    return (int) w;
  }

  private static BadInputException bad(String source, int line, String text, String why) {
    return new BadInputException(source + ":" + line + ": " + why + ": \"" + Names.printable(text.strip()) + "\"");
  }
}
