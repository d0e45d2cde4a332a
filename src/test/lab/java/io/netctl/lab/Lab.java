package io.netctl.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Network namespaces for one test: a hub namespace holding bridge {@code br0}, and hosts, each a
 * namespace whose {@code eth0} is a veth into the bridge. Lab links use 172.31.0.0/16. Everything
 * a lab creates (namespaces, daemons started through {@link Host#start}, the scratch folder) is
 * removed by {@link #close()}, also on JVM exit; daemons are stopped by their pid.
 *
 * <p>Needs root (CAP_NET_ADMIN) and iproute2; fails with a clear message otherwise.
 */
public final class Lab implements AutoCloseable {
  private static final String PREFIX = "nctl";
  private static final Pattern OURS = Pattern.compile("^" + PREFIX + "(\\d+)-");
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final Set<Lab> OPEN = ConcurrentHashMap.newKeySet();
  private static volatile boolean janitorDone;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> new ArrayList<>(OPEN).forEach(Lab::close), "lab-cleanup"));
  }

  private final String id;
  private final String hub;
  private final Path dir;
  private final List<Host> hosts = Collections.synchronizedList(new ArrayList<>());
  private final List<Proc.Daemon> daemons = Collections.synchronizedList(new ArrayList<>());
  private boolean closed;

  private Lab(String name) {
    requireRoot();
    removeStale();
    this.id = PREFIX + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
    try {
      this.dir = Files.createTempDirectory("netctl-lab-" + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.hub = id + "-hub";
    OPEN.add(this);
    try {
      Proc.ok("ip", "netns", "add", hub);
      Proc.ok("ip", "-n", hub, "link", "set", "lo", "up");
      Proc.ok("ip", "-n", hub, "link", "add", "br0", "type", "bridge");
      Proc.ok("ip", "-n", hub, "link", "set", "br0", "up");
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** A new lab; {@code name} only labels its scratch folder. */
  public static Lab create(String name) {
    return new Lab(name);
  }

  /** The scratch folder for configuration files, sockets and logs (removed on close). */
  public Path dir() {
    return dir;
  }

  /** A host namespace joined to the bridge with {@code cidr} (e.g. {@code 172.31.0.1/24}) on eth0. */
  public Host host(String name, String cidr) {
    Host h = namespace(name);
    int idx = hosts.size();
    String hubSide = "v" + idx;
    Proc.ok("ip", "-n", hub, "link", "add", hubSide, "type", "veth", "peer", "name", "eth0", "netns", h.ns);
    Proc.ok("ip", "-n", hub, "link", "set", hubSide, "master", "br0", "up");
    if (cidr != null) {
      h.ok("ip", "addr", "add", cidr, "dev", "eth0");
    }
    h.ok("ip", "link", "set", "eth0", "up");
    h.ip = cidr == null ? null : cidr.substring(0, cidr.indexOf('/'));
    return h;
  }

  /** A namespace of its own with only {@code lo} (up), e.g. for routing-table tests. */
  public Host namespace(String name) {
    if (!name.matches("[a-z0-9]{1,12}")) {
      throw new IllegalArgumentException("host name must be 1-12 of [a-z0-9]: " + name);
    }
    Host h = new Host(this, name, id + "-" + name);
    Proc.ok("ip", "netns", "add", h.ns);
    hosts.add(h);
    h.ok("ip", "link", "set", "lo", "up");
    return h;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Proc.Daemon> ds = new ArrayList<>(daemons);
    Collections.reverse(ds);
    for (Proc.Daemon d : ds) {
      d.stop(Duration.ofSeconds(5));
    }
    List<Host> hs = new ArrayList<>(hosts);
    Collections.reverse(hs);
    for (Host h : hs) {
      Proc.run("ip", "netns", "del", h.ns);
    }
    Proc.run("ip", "netns", "del", hub);
    EtcdCluster.deleteTree(dir);
    OPEN.remove(this);
  }

  /** A namespace of the lab. */
  public static final class Host {
    private final Lab lab;
    private final String name;
    private final String ns;
    private String ip;

    Host(Lab lab, String name, String ns) {
      this.lab = lab;
      this.name = name;
      this.ns = ns;
    }

    /** The lab this host belongs to. */
    public Lab lab() {
      return lab;
    }

    /** The short name the test gave, e.g. {@code rr1}; it names the host's daemon files in the lab folder. */
    public String name() {
      return name;
    }

    /** The namespace's name, for {@code ip -n} or {@code ip netns exec}. */
    public String ns() {
      return ns;
    }

    /** The eth0 address without prefix length, or null. */
    public String ip() {
      return ip;
    }

    /** Runs a command inside the namespace. */
    public Proc.Result exec(String... cmd) {
      return Proc.run(inside(cmd), null);
    }

    public Proc.Result execWithInput(String stdin, String... cmd) {
      return Proc.run(inside(cmd), stdin);
    }

    public Proc.Result ok(String... cmd) {
      return exec(cmd).requireOk(ns + ": " + String.join(" ", cmd));
    }

    /** Starts a foreground daemon in the namespace; stopped by pid when the lab closes (or earlier by the test). */
    public Proc.Daemon start(String logName, String... cmd) {
      Proc.Daemon d = Proc.start(inside(cmd), lab.dir.resolve(logName));
      lab.daemons.add(d);
      return d;
    }

    public List<String> inside(String... cmd) {
      List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
      full.addAll(List.of(cmd));
      return full;
    }

    @Override
    public String toString() {
      return ns + (ip == null ? "" : " (" + ip + ")");
    }
  }

  private static void requireRoot() {
    Proc.requireBinaries("ip");
    String uid = Proc.run("id", "-u").stdout().strip();
    if (!"0".equals(uid)) {
      throw new IllegalStateException("network-namespace tests need root (CAP_NET_ADMIN); run the test command as root");
    }
  }

  /** Removes namespaces (and their processes) left by test JVMs that are no longer running. */
  private static synchronized void removeStale() {
    if (janitorDone) {
      return;
    }
    janitorDone = true;
    for (String line : Proc.run("ip", "netns", "list").stdout().split("\n")) {
      String ns = line.split(" ")[0].strip();
      Matcher m = OURS.matcher(ns);
      if (!m.find()) {
        continue;
      }
      long pid = Long.parseLong(m.group(1));
      if (ProcessHandle.of(pid).isPresent()) {
        continue;
      }
      for (String p : Proc.run("ip", "netns", "pids", ns).stdout().split("\\s+")) {
        if (!p.isBlank()) {
          ProcessHandle.of(Long.parseLong(p.strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
      Proc.run("ip", "netns", "del", ns);
    }
  }
}
