package io.netctl.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * FRR's bgpd alone (no zebra: {@code -Z -S -n}) in the foreground in a lab host, its vty socket and
 * pid file in the run folder {@code <host>.frr.run}; read with {@link #vtysh}. A configuration with a
 * {@code bmp targets} block gets bgpd's bmp module ({@code -M bmp}).
 */
public final class Frr extends BgpDaemon {
  private Frr(Lab.Host host, String config) {
    super(host, "frr", "conf", "frr defaults traditional\nhostname " + host.name() + "\nlog stdout\n!\n" + config);
  }

  /** Starts bgpd in {@code host} with {@code config} and waits until vtysh reaches it. */
  public static Frr start(Lab.Host host, FrrConfig config) {
    return start(host, config.text());
  }

  /** Starts bgpd in {@code host} with the text of a {@code router bgp} configuration. */
  public static Frr start(Lab.Host host, String config) {
    Proc.requireBinaries("/usr/lib/frr/bgpd", "vtysh");
    Frr f = new Frr(host, config);
    try {
      Files.createDirectories(f.run());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    f.start();
    return f;
  }

  /** The run folder: bgpd's pid file and vty socket. */
  public Path run() {
    return file("run");
  }

  @Override
  List<String> command() {
    List<String> cmd = new ArrayList<>(List.of("/usr/lib/frr/bgpd", "-f", config().toString(), "-Z", "-S", "-n",
        "-i", run().resolve("bgpd.pid").toString(), "--vty_socket", run().toString(), "-A", "127.0.0.1"));
    try {
      if (Files.readString(config()).contains("bmp targets")) {
        cmd.addAll(List.of("-M", "bmp"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cmd;
  }

  /** {@code vtysh -c COMMAND} against this bgpd: its output. */
  public String vtysh(String command) {
    return exec("vtysh", "--vty_socket", run().toString(), "-c", command).stdout();
  }

  @Override
  boolean answers() {
    return exec("vtysh", "--vty_socket", run().toString(), "-c", "show bgp summary").exitCode() == 0;
  }

  @Override
  String sessions() {
    return vtysh("show bgp summary");
  }

  @Override
  public boolean established(String address) {
    return vtysh("show bgp neighbors " + address + " json").contains("\"bgpState\":\"Established\"");
  }

  @Override
  public boolean hasRoute(String prefix) {
    String family = prefix.contains(":") ? "ipv6" : "ipv4";
    return vtysh("show bgp " + family + " unicast " + prefix + " json").contains("\"prefix\":\"" + prefix + "\"");
  }
}
