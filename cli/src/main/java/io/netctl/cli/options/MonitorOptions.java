package io.netctl.cli.options;

import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.bgp.calico.RrBirdConfig;
import io.netctl.cli.CliContext;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.Names;
import io.netctl.validator.observe.MonitorSessions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How netctl's monitor sessions to the route reflectors are opened ({@code check --monitor}, {@code controller --monitor}). */
public final class MonitorOptions {
  @Option(names = "--monitor-router-id", paramLabel = "IP", description = "BGP identifier of the monitor sessions (default: --monitor-local-address, else $POD_IP, else this host's first IPv4 address).")
  String routerId;

  @Option(names = "--monitor-local-address", paramLabel = "IP", description = "Open the monitor sessions from this address.")
  String localAddress;

  @Option(names = "--monitor-password-file", paramLabel = "FILE", description = "TCP-MD5 password of the monitor sessions (the file's first line).")
  Path passwordFile;

  /**
   * The validated options; bad values are bad input (exit 2).
   *
   * @param timeout bound on reading one reflector's table (one-shot reads)
   * @param settle quiet time that ends a read without End-of-RIB
   */
  public MonitorSessions.Options options(CliContext ctx, Duration timeout, Duration settle) {
    InetAddress from = null;
    if (localAddress != null) {
      from = inet(Names.hostIp("--monitor-local-address", localAddress).toCanonicalString());
    }
    String id;
    if (routerId != null) {
      id = Names.hostIp("--monitor-router-id", routerId).toCanonicalString();
    } else if (from != null) {
      id = from.getHostAddress();
    } else if (ctx.env().get("POD_IP") != null && !ctx.env().get("POD_IP").isBlank()) {
      id = Names.hostIp("$POD_IP", ctx.env().get("POD_IP")).toCanonicalString();
    } else {
      id = io.netctl.validator.observe.LocalAddresses.read().stream().filter(a -> !a.isLoopback()).map(IPv4Address::toCanonicalString).sorted()
          .findFirst().orElse("127.0.0.1");
    }
    String password = null;
    if (passwordFile != null) {
      try {
        password = RrBirdConfig.password("--monitor-password-file " + passwordFile, Files.readString(passwordFile));
      } catch (IOException e) {
        throw new BadInputException("--monitor-password-file " + passwordFile + ": cannot read (" + e.getMessage() + ")");
      }
    }
    return new MonitorSessions.Options(id, from, password, timeout, settle);
  }

  private static InetAddress inet(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (UnknownHostException e) {
      throw new BadInputException("not an address: " + ip);
    }
  }
}
