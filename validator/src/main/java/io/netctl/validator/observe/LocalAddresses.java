package io.netctl.validator.observe;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/** This host's IPv4 addresses, from its network interfaces. */
public final class LocalAddresses {
  private LocalAddresses() {}

  /** Every IPv4 address of every interface; empty when none can be read. */
  public static Set<IPv4Address> read() {
    Set<IPv4Address> out = new HashSet<>();
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
          IPAddress ip = new IPAddressString(a.getHostAddress()).getAddress();
          if (ip != null && ip.isIPv4()) {
            out.add(ip.toIPv4());
          }
        }
      }
    } catch (SocketException e) {
      // no interfaces readable: no local role
    }
    return out;
  }
}
