package io.netctl.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * gobgpd in the foreground in a lab host, its gRPC API on the namespace's own loopback (so every
 * host can use the default port); read and driven with {@link #gobgp}.
 */
public final class Gobgp extends BgpDaemon {
  private Gobgp(Lab.Host host, String toml) {
    super(host, "gobgp", "toml", toml);
  }

  /** Starts gobgpd in {@code host} with {@code config} and waits until its API answers. */
  public static Gobgp start(Lab.Host host, GobgpConfig config) {
    return start(host, config.text());
  }

  /** Starts gobgpd in {@code host} with a TOML configuration text. */
  public static Gobgp start(Lab.Host host, String toml) {
    Proc.requireBinaries("gobgpd", "gobgp");
    Gobgp g = new Gobgp(host, toml);
    g.start();
    return g;
  }

  @Override
  List<String> command() {
    return List.of("gobgpd", "-f", config().toString(), "-p", "--api-hosts", "127.0.0.1:50051", "--pprof-disable");
  }

  /** {@code gobgp ARGS} against this gobgpd. */
  public Proc.Result gobgp(String... args) {
    List<String> cmd = new ArrayList<>(List.of("gobgp"));
    cmd.addAll(List.of(args));
    return exec(cmd.toArray(String[]::new));
  }

  /** Adds {@code prefix} to the global RIB: GoBGP announces it to its neighbours. */
  public void announce(String prefix) {
    gobgp("global", "rib", "add", prefix, "-a", family(prefix)).requireOk(this + ": gobgp global rib add " + prefix);
  }

  private static String family(String prefix) {
    return prefix.contains(":") ? "ipv6" : "ipv4";
  }

  @Override
  boolean answers() {
    return gobgp("global").exitCode() == 0;
  }

  @Override
  String sessions() {
    return gobgp("neighbor").stdout();
  }

  @Override
  public boolean established(String address) {
    return gobgp("neighbor", address).stdout().contains("BGP state = ESTABLISHED");
  }

  @Override
  public boolean hasRoute(String prefix) {
    return gobgp("global", "rib", "-a", family(prefix), prefix).stdout().contains(prefix);
  }
}
