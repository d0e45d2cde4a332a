package io.netctl.bgp.lab;

import io.netctl.lab.Lab;
import io.netctl.lab.Proc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts BIRD, FRR bgpd and GoBGP in the foreground inside a lab namespace (lab-recipes.md §3), so
 * the pid the lab holds is the daemon's; configurations are written to the lab's folder.
 */
final class LabDaemons {
  private LabDaemons() {}

  static {
    Proc.requireBinaries("bird", "birdc", "/usr/lib/frr/bgpd", "vtysh", "gobgpd", "gobgp", "java");
  }

  /** Timers that make BIRD reconnect within a second or two (defaults wait up to minutes after an error). */
  static final String BIRD_TIMERS = "connect retry time 1; error wait time 1,2; error forget time 10; hold time 9; keepalive time 3;";

  static Path write(Lab lab, String name, String text) {
    try {
      Path p = lab.dir().resolve(name);
      Files.writeString(p, text);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code bird -f} with a control socket {@code <name>.ctl} in the lab folder. */
  static Proc.Daemon bird(Lab lab, Lab.Host host, String name, String config) {
    Path conf = write(lab, name + ".conf", "log stderr all;\n" + config);
    Proc.ok("bird", "-p", "-c", conf.toString());
    return host.start(name + ".log", "bird", "-f", "-c", conf.toString(), "-s", lab.dir().resolve(name + ".ctl").toString());
  }

  static String birdc(Lab lab, String name, String... cmd) {
    String[] full = new String[cmd.length + 3];
    full[0] = "birdc";
    full[1] = "-s";
    full[2] = lab.dir().resolve(name + ".ctl").toString();
    System.arraycopy(cmd, 0, full, 3, cmd.length);
    return Proc.run(full).stdout();
  }

  /** FRR bgpd without zebra in the foreground ({@code -Z -S -n}); {@code modules} e.g. "bmp". */
  static Proc.Daemon frr(Lab lab, Lab.Host host, String name, String config, String... modules) {
    Path conf = write(lab, name + ".conf", "frr defaults traditional\nhostname " + name + "\nlog stdout\n!\n" + config);
    Path run = lab.dir().resolve(name + "-run");
    try {
      Files.createDirectories(run);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("/usr/lib/frr/bgpd", "-f", conf.toString(), "-Z", "-S", "-n",
        "-i", run.resolve("bgpd.pid").toString(), "--vty_socket", run.toString(), "-A", "127.0.0.1"));
    for (String m : modules) {
      cmd.add("-M");
      cmd.add(m);
    }
    return host.start(name + ".log", cmd.toArray(String[]::new));
  }

  static String vtysh(Lab lab, Lab.Host host, String name, String command) {
    return host.exec("vtysh", "--vty_socket", lab.dir().resolve(name + "-run").toString(), "-c", command).stdout();
  }

  /** gobgpd in the foreground, its API on the namespace's own loopback. */
  static Proc.Daemon gobgp(Lab lab, Lab.Host host, String name, String toml) {
    Path conf = write(lab, name + ".toml", toml);
    return host.start(name + ".log", "gobgpd", "-f", conf.toString(), "-p", "--api-hosts", "127.0.0.1:50051", "--pprof-disable");
  }

  /** A BIRD iBGP client announcing {@code prefix} to each RR address. */
  static String birdClient(String ip, String prefix, String... rrs) {
    StringBuilder s = new StringBuilder();
    s.append("router id ").append(ip).append(";\nprotocol device { scan time 10; }\n");
    s.append("protocol static blocks { ipv4; route ").append(prefix).append(" blackhole; }\n");
    s.append("template bgp to_rr { local ").append(ip).append(" as 64512; direct; ").append(BIRD_TIMERS)
        .append(" ipv4 { import none; export where source = RTS_STATIC; }; }\n");
    int i = 1;
    for (String rr : rrs) {
      s.append("protocol bgp to_rr").append(i++).append(" from to_rr { neighbor ").append(rr).append(" as 64512; }\n");
    }
    return s.toString();
  }
}
