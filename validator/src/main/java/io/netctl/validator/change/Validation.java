package io.netctl.validator.change;

import inet.ipaddr.IPAddress;
import io.netctl.bgp.calico.BgpPlan;
import io.netctl.bgp.calico.BgpPlanner;
import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.CalicoBgpState;
import io.netctl.bgp.calico.Refusal;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.IpamState;
import io.netctl.ipam.NetctlKeys;
import io.netctl.ipam.RefusedException;
import io.netctl.ipam.store.KvStore;
import io.netctl.lvs.Director;
import io.netctl.validator.CheckKind;
import io.netctl.validator.CheckRequest;
import io.netctl.validator.Checker;
import io.netctl.validator.ClusterState;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.Intent;
import io.netctl.validator.Report;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Carries a change out on a working copy of the state (a {@code MemoryStore} loaded from a
 * snapshot or the live datastore — never the datastore itself), through the same code as the
 * real commands ({@link Allocator}, {@link BgpPlanner}), then runs the configuration checks on the
 * result and lists the Calico and director-route changes it would cause.
 */
public final class Validation {
  private Validation() {}

  /** The most changes one change file may hold. */
  public static final int MAX_CHANGES = 10_000;
  /** How many findings of one code the steps report one by one; the rest become one finding with their count. */
  static final int MAX_STEP_FINDINGS_PER_CODE = 20;

  /**
   * What netctl.yaml says: pools, BGP topology, directors, monitors.
   *
   * @param monitors netctl.yaml's monitors (single addresses are infrastructure IPs, never a host IP)
   */
  public record Topology(IpamConfig ipam, BgpTopology bgp, List<Director> directors, List<IPAddress> monitors) {
    public Topology {
      directors = List.copyOf(directors);
      monitors = List.copyOf(monitors);
    }

    public Topology(IpamConfig ipam, BgpTopology bgp, List<Director> directors) {
      this(ipam, bgp, directors, List.of());
    }

    /** The ranges with this topology's infrastructure IPs, as the allocator sees them. */
    IpamConfig allocation() {
      return ipam.withInfrastructure(Intent.infrastructure(bgp, directors, monitors));
    }

    Topology with(IpamConfig i) {
      return new Topology(i, bgp, directors, monitors);
    }

    Topology with(BgpTopology b) {
      return new Topology(ipam, b, directors, monitors);
    }

    Topology with(List<Director> d) {
      return new Topology(ipam, bgp, d, monitors);
    }
  }

  /**
   * The result.
   *
   * @param report the findings of the changed state (and of steps that would be refused)
   * @param plan what the change would do, one line per effect, in order
   * @param pending what {@code netctl bgp apply} would write already before the change (not the
   *     change's doing)
   * @param after the topology after the change
   */
  public record Outcome(Report report, List<String> plan, List<String> pending, Topology after) {}

  /** @throws BadInputException for more than {@link #MAX_CHANGES} changes */
  public static Outcome run(KvStore working, Topology before, List<Change> changes, Clock clock) {
    if (changes.size() > MAX_CHANGES) {
      throw new BadInputException("the change has " + changes.size() + " steps; at most " + MAX_CHANGES + " are validated at once: split it");
    }
    List<Finding> stepFindings = new ArrayList<>();
    List<String> plan = new ArrayList<>();
    Topology t = before;
    Map<String, String> routesBefore = routes(working);
    // what bgp apply would already write before the change: listed apart, not as the change's plan
    Set<String> pendingBefore = new HashSet<>();
    BgpPlanner.plan(before.bgp(), before.ipam().ranges(), CalicoBgpState.read(working), clock.instant()).changes()
        .forEach(c -> pendingBefore.add(identity(c)));
    Allocator allocator = null;
    for (Change c : changes) {
      String at = "change at line " + c.line();
      if (allocator == null || !allocator.config().equals(t.allocation())) {
        allocator = new Allocator(working, t.allocation(), clock);
      }
      if (c instanceof Change.Allocate a) {
        try {
          Allocator.AllocationResult r = allocator.allocate(a.node(), a.hostIp(), false);
          Allocation x = r.allocation();
          plan.add(switch (r.outcome()) {
            case CREATED -> "allocate " + x.node() + ": " + x.cidrText() + (x.hostIp() == null ? " (no host IP)" : " for host " + x.hostIpText())
                + ": create IPPool " + NetctlKeys.poolName(x.cidr()) + (r.pending()
                    ? "; IPAM block and affinity once calico-node registers Calico Node " + x.node() + " (pending)"
                    : ", IPAM block and confirmed affinity, label the Calico Node");
            case EXISTING -> "allocate " + x.node() + ": already has " + x.cidrText() + " (no change)";
            case HOST_IP_SET -> "allocate " + x.node() + ": record host IP " + x.hostIpText();
            case HOST_IP_UPDATED -> "allocate " + x.node() + ": host IP becomes " + x.hostIpText();
            case COMPLETED -> "allocate " + x.node() + ": complete " + x.cidrText() + " in Calico (IPAM block, affinity, the Calico Node's pool label)";
          });
        } catch (RefusedException e) {
          Code code = e.reason() == RefusedException.Reason.EXHAUSTED ? Code.RANGES_EXHAUSTED : Code.CHANGE_REFUSED;
          stepFindings.add(Finding.of(code, a.node(), "allocate " + a.node() + " (" + at + ")", e.getMessage()));
        } catch (BadInputException e) {
          stepFindings.add(Finding.of(Code.CHANGE_REFUSED, a.node(), "allocate " + a.node() + " (" + at + ")", e.getMessage()));
        }
      } else if (c instanceof Change.Release r) {
        try {
          Allocator.ReleaseResult x = allocator.release(r.node(), false);
          plan.add("release " + r.node() + ": " + x.released().cidrText() + ": delete IPPool, IPAM block and affinity (" + x.deletedKeys().size() + " keys)");
        } catch (RefusedException e) {
          stepFindings.add(Finding.of(Code.CHANGE_REFUSED, r.node(), "release " + r.node() + " (" + at + ")", e.getMessage()));
        }
      } else if (c instanceof Change.SetRanges s) {
        try {
          for (IPAddress r : s.ranges()) {
            if (!r.isSinglePrefixBlock()) {
              throw new BadInputException("range " + r + " is not aligned to its prefix length");
            }
          }
          IpamConfig next = new IpamConfig(s.ranges().stream().map(IPAddress::toPrefixBlock).toList(), t.ipam().blockSize());
          plan.add("set ranges: " + s.ranges().stream().map(IPAddress::toCanonicalString).collect(Collectors.joining(", ")));
          t = t.with(next);
        } catch (BadInputException e) {
          stepFindings.add(Finding.of(Code.RANGES_INVALID, "ranges", "valid ranges (" + at + ")", e.getMessage()));
        }
      } else if (c instanceof Change.SetAsNumber s) {
        if (s.asNumber() != t.bgp().asNumber()) {
          stepFindings.add(Finding.of(Code.AS_CHANGED, "asNumber", "AS " + t.bgp().asNumber(), "AS " + s.asNumber() + " (" + at + ")"));
        }
        plan.add("set AS number: " + s.asNumber());
        t = t.with(withAs(t.bgp(), s.asNumber()));
      } else if (c instanceof Change.AddRouteReflector a) {
        List<RouteReflector> rrs = new ArrayList<>(t.bgp().routeReflectors());
        if (rrs.stream().anyMatch(x -> x.name().equals(a.name()) || x.ip().equals(a.ip()))) {
          stepFindings.add(Finding.of(Code.CHANGE_REFUSED, "rr/" + a.name(), "a new route reflector (" + at + ")", "name or IP already configured"));
          continue;
        }
        if (rrs.size() >= BgpTopology.MAX_ROUTE_REFLECTORS) {
          stepFindings.add(Finding.of(Code.CHANGE_REFUSED, "rr/" + a.name(), "a new route reflector (" + at + ")",
              "already " + rrs.size() + " route reflectors, the most netctl supports"));
          continue;
        }
        rrs.add(new RouteReflector(a.name(), a.ip(), a.clusterId(), Map.of()));
        plan.add("add route reflector " + a.name() + " " + a.ip() + " cluster id " + a.clusterId());
        t = t.with(withRrs(t.bgp(), rrs));
      } else if (c instanceof Change.RemoveRouteReflector r) {
        List<RouteReflector> rrs = new ArrayList<>(t.bgp().routeReflectors());
        if (!rrs.removeIf(x -> x.name().equals(r.name()))) {
          stepFindings.add(Finding.of(Code.CHANGE_REFUSED, "rr/" + r.name(), "an existing route reflector (" + at + ")", "no route reflector named " + r.name()));
          continue;
        }
        plan.add("remove route reflector " + r.name());
        t = t.with(withRrs(t.bgp(), rrs));
      } else if (c instanceof Change.AddDirector a) {
        List<Director> ds = new ArrayList<>(t.directors());
        if (ds.stream().anyMatch(x -> x.name().equals(a.name()) || x.ip().equals(a.ip()))) {
          stepFindings.add(Finding.of(Code.CHANGE_REFUSED, "director/" + a.name(), "a new director (" + at + ")", "name or IP already configured"));
          continue;
        }
        ds.add(new Director(a.name(), a.ip(), null, null, null, null));
        plan.add("add director " + a.name() + " " + a.ip());
        t = t.with(ds);
      } else if (c instanceof Change.RemoveDirector r) {
        List<Director> ds = new ArrayList<>(t.directors());
        if (!ds.removeIf(x -> x.name().equals(r.name()))) {
          stepFindings.add(Finding.of(Code.CHANGE_REFUSED, "director/" + r.name(), "an existing director (" + at + ")", "no director named " + r.name()));
          continue;
        }
        plan.add("remove director " + r.name() + ": netctl stops managing its routes (remove them with netctl lvs sync before, or by hand)");
        t = t.with(ds);
      }
    }
    // Calico BGP objects for the new topology, written to the working copy as bgp apply would
    BgpPlan bgp = BgpPlanner.plan(t.bgp(), t.ipam().ranges(), CalicoBgpState.read(working), clock.instant());
    List<String> pending = new ArrayList<>();
    for (io.netctl.bgp.calico.Change c : bgp.changes()) {
      (pendingBefore.contains(identity(c)) ? pending : plan).add("bgp apply: " + c.action() + " " + c.kind() + " " + c.name());
    }
    for (Refusal r : bgp.refusals()) {
      stepFindings.add(new Finding(refusalCode(r), "bgp", "netctl bgp apply accepts the result", r.message(), null));
    }
    if (bgp.tooLarge() != null) {
      stepFindings.add(Finding.of(Code.CHANGE_REFUSED, "bgp", "netctl bgp apply accepts the result", bgp.tooLarge()));
    } else if (bgp.refusals().isEmpty() && !bgp.changes().isEmpty()) {
      bgp.apply(working);
    }
    // director routes: before → after, for the directors after the change
    Map<String, String> routesAfter = routes(working);
    for (Director d : t.directors()) {
      boolean isNew = before.directors().stream().noneMatch(x -> x.name().equals(d.name()));
      Map<String, String> was = isNew ? Map.of() : routesBefore;
      diffRoutes(was, routesAfter).forEach(l -> plan.add("director " + d.name() + ": " + l));
    }
    // the checks of netctl check --scope config, on one read of the changed state
    Report checks = new Checker(new Intent(t.allocation(), t.bgp(), t.directors(), t.monitors()))
        .run(CheckRequest.builder(EnumSet.of(CheckKind.CONFIG), clock.instant()).state(ClusterState.read(working)).build()).report();
    Report.Builder b = new Report.Builder().ran("change", CheckKind.CONFIG, changes.stream().map(c -> "line " + c.line()).toList(),
        StepFindings.aggregate(stepFindings, MAX_STEP_FINDINGS_PER_CODE));
    b.merge(new Report(checks.findings().stream().filter(f -> f.code() != Code.BGP_DRIFT || !bgp.refusals().isEmpty()).toList(), checks.checks()));
    return new Outcome(b.build(), plan, pending, t);
  }

  /** What a BGP change does, to tell one pending before the change from one the change causes. */
  private static String identity(io.netctl.bgp.calico.Change c) {
    String fields = c instanceof io.netctl.bgp.calico.Change.Update u
        ? u.fields().stream().map(f -> f.field() + "=" + f.to()).collect(Collectors.joining(",")) : "";
    return c.action() + " " + c.key() + " " + fields;
  }

  private static Code refusalCode(Refusal r) {
    Code c = io.netctl.validator.config.BgpConfigChecks.code(r.code());
    return c == null ? Code.CHANGE_REFUSED : c;
  }

  /** Allocated pool → host IP, for allocations that have one (what directors route). */
  private static Map<String, String> routes(KvStore store) {
    Map<String, String> out = new TreeMap<>();
    for (IpamState.Stored<Allocation> a : IpamState.read(store, null).allocations().values()) {
      if (a.value().hostIp() != null) {
        out.put(a.value().cidrText(), a.value().hostIpText());
      }
    }
    return out;
  }

  private static List<String> diffRoutes(Map<String, String> before, Map<String, String> after) {
    Map<String, String> lines = new LinkedHashMap<>();
    after.forEach((cidr, via) -> {
      String was = before.get(cidr);
      if (was == null) {
        lines.put(cidr, "+ route " + cidr + " via " + via);
      } else if (!was.equals(via)) {
        lines.put(cidr, "~ route " + cidr + " via " + via + " (was via " + was + ")");
      }
    });
    before.forEach((cidr, via) -> {
      if (!after.containsKey(cidr)) {
        lines.put(cidr, "- route " + cidr + " via " + via);
      }
    });
    return new ArrayList<>(lines.values());
  }

  private static BgpTopology withAs(BgpTopology b, long as) {
    return new BgpTopology(as, b.routeReflectors(), b.coreSwitches(), b.password(), b.nodeToNodeMesh());
  }

  private static BgpTopology withRrs(BgpTopology b, List<RouteReflector> rrs) {
    return new BgpTopology(b.asNumber(), rrs, b.coreSwitches(), b.password(), b.nodeToNodeMesh());
  }
}
