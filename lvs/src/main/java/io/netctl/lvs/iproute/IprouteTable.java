package io.netctl.lvs.iproute;

import io.netctl.ipam.BadInputException;
import io.netctl.ipam.OneLine;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.RouteChange;
import io.netctl.lvs.RouteTable;
import io.netctl.lvs.RouteTableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's routing tables through iproute2: {@code ip -4 -N -json route show table all} to
 * read, one {@code ip -force -batch -} to change, with {@code -n NS} when a network namespace is
 * given. The only code in netctl that runs {@code ip}.
 */
public final class IprouteTable implements RouteTable {
  private static final Path IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");
  private static final long TIMEOUT_SECONDS = 120;

  private final List<String> ip;
  private final String netns;
  private final RtProtos protos;

  /**
   * @param ip the command that runs iproute2's ip, e.g. {@code [ip]}
   * @param netns a network namespace name, or null for this process's own
   */
  public IprouteTable(List<String> ip, String netns) {
    this.ip = List.copyOf(ip);
    this.netns = netns;
    this.protos = RtProtos.system();
  }

  /** The host's (or the namespace's) tables, through {@code ip} from PATH. */
  public static IprouteTable of(String netns) {
    return new IprouteTable(List.of("ip"), netns);
  }

  @Override
  public String describe() {
    return netns == null ? "this host" : "network namespace " + netns;
  }

  @Override
  public List<KernelRoute> list() {
    Result r = run(command("-4", "-N", "-json", "route", "show", "table", "all"), null);
    if (r.code != 0) {
      throw failure("cannot list routes", r.stderr);
    }
    return IprouteJson.parse(r.stdout, protos);
  }

  @Override
  public ApplyResult apply(List<RouteChange> changes) {
    if (changes.isEmpty()) {
      return new ApplyResult(0, List.of());
    }
    byte[] batch = IprouteBatch.lines(changes).getBytes(StandardCharsets.US_ASCII);
    Result r = run(command("-force", "-batch", "-"), batch);
    if (r.code == 0) {
      return new ApplyResult(changes.size(), List.of());
    }
    List<Failure> failures = IprouteBatch.failures(r.stderr, changes);
    if (failures.isEmpty()) {
      throw failure("ip -batch failed", r.stderr);
    }
    if (failures.stream().anyMatch(f -> f.message().contains("Operation not permitted"))) {
      String applied = failures.size() == changes.size()
          ? "no route was changed"
          : (changes.size() - failures.size()) + " of " + changes.size() + " changes were applied";
      throw new RouteTableException(
          "no permission to change routes in " + describe() + " (Operation not permitted): run as root or with CAP_NET_ADMIN; " + applied);
    }
    return new ApplyResult(changes.size() - failures.size(), failures);
  }

  @Override
  public boolean ipForwarding() {
    String v;
    if (netns == null) {
      try {
        v = Files.readString(IP_FORWARD);
      } catch (IOException e) {
        throw new RouteTableException("cannot read " + IP_FORWARD + ": " + e.getMessage(), e);
      }
    } else {
      Result r = run(namespaced("cat", IP_FORWARD.toString()), null);
      if (r.code != 0) {
        throw failure("cannot read net.ipv4.ip_forward", r.stderr);
      }
      v = new String(r.stdout, StandardCharsets.US_ASCII);
    }
    return "1".equals(v.strip());
  }

  @Override
  public void enableIpForwarding() {
    if (netns == null) {
      try {
        Files.writeString(IP_FORWARD, "1\n");
      } catch (AccessDeniedException e) {
        throw new RouteTableException("no permission to set net.ipv4.ip_forward=1 (run as root)", e);
      } catch (IOException e) {
        throw new RouteTableException("cannot set net.ipv4.ip_forward=1: " + e.getMessage(), e);
      }
      return;
    }
    Result r = run(namespaced("sh", "-c", "echo 1 > " + IP_FORWARD), null);
    if (r.code != 0) {
      throw failure("cannot set net.ipv4.ip_forward=1", r.stderr);
    }
  }

  private List<String> command(String... args) {
    List<String> c = new ArrayList<>(ip);
    if (netns != null) {
      c.add("-n");
      c.add(netns);
    }
    c.addAll(List.of(args));
    return c;
  }

  private List<String> namespaced(String... args) {
    List<String> c = new ArrayList<>(ip);
    c.addAll(List.of("netns", "exec", netns));
    c.addAll(List.of(args));
    return c;
  }

  private RuntimeException failure(String what, String stderr) {
    String msg = OneLine.of(stderr, "");
    if (msg.contains("Cannot open network namespace")) {
      return new BadInputException("network namespace \"" + netns + "\" does not exist (ip netns list shows the namespaces)");
    }
    if (msg.contains("Operation not permitted") || msg.contains("Permission denied")) {
      return new RouteTableException(what + " in " + describe() + ": " + msg + " (run as root or with CAP_NET_ADMIN)");
    }
    if (msg.contains("Option \"-json\" is unknown") || msg.contains("Option \"-Numeric\" is unknown") || msg.contains("is unknown, try")) {
      return new RouteTableException(what + ": this ip is too old (" + msg + "); netctl needs iproute2 4.17 or newer");
    }
    return new RouteTableException(what + " in " + describe() + ": " + (msg.isEmpty() ? "ip failed" : msg));
  }

  private record Result(int code, byte[] stdout, String stderr) {}

  /**
   * Whether {@code command} names a file that exists, looked up as exec looks it up: as a path when
   * it has a slash, otherwise in each folder of {@code path} (an empty entry is the working
   * folder; no PATH at all means {@code /bin:/usr/bin}). A command that cannot be started although
   * it exists failed for another reason (permissions, format), which its error then says.
   */
  static boolean exists(String command, String path) {
    if (command.contains("/")) {
      return Files.exists(Path.of(command));
    }
    for (String dir : (path == null ? "/bin:/usr/bin" : path).split(":", -1)) {
      if (Files.exists(Path.of(dir.isEmpty() ? "." : dir).resolve(command))) {
        return true;
      }
    }
    return false;
  }

  private Result run(List<String> cmd, byte[] stdin) {
    Process p;
    try {
      p = new ProcessBuilder(cmd).start();
    } catch (IOException e) {
      throw new RouteTableException(
          "cannot run " + cmd.get(0) + " (iproute2): " + (exists(cmd.get(0), System.getenv("PATH")) ? e.getMessage() : "not found; install iproute2"), e);
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread errReader = drain(p.getErrorStream(), err);
    Thread inWriter = null;
    try {
      if (stdin != null) {
        inWriter = write(p.getOutputStream(), stdin);
      } else {
        p.getOutputStream().close();
      }
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new RouteTableException(String.join(" ", cmd) + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      errReader.join();
      if (inWriter != null) {
        inWriter.join();
      }
      return new Result(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      p.destroyForcibly();
      throw new RouteTableException("ip failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new RouteTableException("interrupted while running ip", e);
    }
  }

  private static Thread drain(InputStream in, ByteArrayOutputStream into) {
    Thread t = new Thread(() -> {
      try (in) {
        in.transferTo(into);
      } catch (IOException e) {
        // the process ended; what was read is kept
      }
    }, "ip-stderr");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static Thread write(OutputStream out, byte[] bytes) {
    Thread t = new Thread(() -> {
      try (out) {
        out.write(bytes);
      } catch (IOException e) {
        // ip exited early (e.g. it could not enter the namespace): its exit code and stderr tell why
      }
    }, "ip-stdin");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
