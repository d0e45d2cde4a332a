package io.netctl.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * BIRD 2 ({@code bird -f}) in a lab host, with its control socket {@code <host>.bird.ctl} in the lab
 * folder. The configuration is checked with {@code bird -p} before the start, and logs to the
 * daemon's log ({@code log stderr all} is put in front of it).
 */
public final class Bird extends BgpDaemon {
  private Bird(Lab.Host host, String config) {
    super(host, "bird", "conf", "log stderr all;\n" + config);
  }

  /** Starts BIRD in {@code host} with {@code config} and waits until its control socket answers. */
  public static Bird start(Lab.Host host, BirdConfig config) {
    return start(host, config.text());
  }

  /** Starts BIRD in {@code host} with a configuration text (e.g. what {@code netctl bgp render-rr} printed). */
  public static Bird start(Lab.Host host, String config) {
    Proc.requireBinaries("bird", "birdc");
    Bird b = new Bird(host, config);
    b.parse();
    b.start();
    return b;
  }

  private void parse() {
    Proc.Result r = Proc.run("bird", "-p", "-c", config().toString());
    if (r.exitCode() != 0) {
      throw new IllegalStateException("BIRD refuses " + config() + ": " + r.stderr().strip() + " " + r.stdout().strip());
    }
  }

  /** The control socket, for {@code birdc -s} or netctl's {@code --bird-socket}. */
  public Path socket() {
    return file("ctl");
  }

  @Override
  List<String> command() {
    return List.of("bird", "-f", "-c", config().toString(), "-s", socket().toString());
  }

  /** {@code birdc -s SOCKET ARGS}: its output (BIRD's reply). */
  public String birdc(String... args) {
    List<String> cmd = new ArrayList<>(List.of("birdc", "-s", socket().toString()));
    cmd.addAll(List.of(args));
    return Proc.run(cmd, null).stdout();
  }

  /** Replaces the configuration file with {@code config} (checked first) and has BIRD reload it ({@code birdc configure}). */
  public void reconfigure(BirdConfig config) {
    reconfigure(config.text());
  }

  /** As {@link #reconfigure(BirdConfig)} with a configuration text. */
  public void reconfigure(String config) {
    try {
      Files.writeString(config(), "log stderr all;\n" + config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    parse();
    Proc.ok("birdc", "-s", socket().toString(), "configure");
  }

  @Override
  boolean answers() {
    return Proc.run("birdc", "-s", socket().toString(), "show", "status").stdout().contains("Daemon is up and running");
  }

  @Override
  String sessions() {
    return birdc("show", "protocols");
  }

  /** The state of the BGP protocol whose neighbour is {@code address}: Established when its line says so. */
  @Override
  public boolean established(String address) {
    // show protocols all: a protocol's line (not indented) and its details, among them "Neighbor address: X"
    String header = null;
    for (String line : birdc("show", "protocols", "all").split("\n")) {
      if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
        header = line;
      } else if (header != null && line.strip().equals("Neighbor address: " + address)) {
        return header.contains("Established");
      }
    }
    return false;
  }

  @Override
  public boolean hasRoute(String prefix) {
    return birdc("show", "route", prefix).lines().anyMatch(l -> l.startsWith(prefix + " "));
  }
}
