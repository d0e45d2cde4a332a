package io.netctl.lvs;

import io.netctl.ipam.Allocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The comparison of a director's kernel table with the allocations, and what sync changes.
 *
 * @param target the director's table, device and metric
 * @param desired the routes the allocations ask for, by pool
 * @param unroutable allocations no route can be made for (never guessed): without a host IP, or
 *     with the director's own IP as host IP ({@link #whyUnroutable})
 * @param differences every difference, in pool order
 * @param inPlace how many desired routes netctl's routes already match
 */
public record RoutePlan(RouteTarget target, List<PoolRoute> desired, List<Allocation> unroutable, List<RouteDifference> differences, int inPlace) {
  public RoutePlan {
    Objects.requireNonNull(target, "target");
    desired = List.copyOf(desired);
    unroutable = List.copyOf(unroutable);
    differences = List.copyOf(differences);
  }

  /** True when the kernel is exactly what the allocations say (no difference of any kind). */
  public boolean inSync() {
    return differences.isEmpty();
  }

  /** The changes sync applies: additions and replacements first, then deletions. */
  public List<RouteChange> changes() {
    List<RouteChange> out = new ArrayList<>();
    differences.stream().map(RouteDifference::change).filter(c -> c != null && !(c instanceof RouteChange.Delete)).forEach(out::add);
    differences.stream().map(RouteDifference::change).filter(c -> c instanceof RouteChange.Delete).forEach(out::add);
    return out;
  }

  /** Why no route is made for {@code a}: {@code no host IP}, or its host IP is the director's own. */
  public String whyUnroutable(Allocation a) {
    return a.hostIp() == null ? "no host IP" : "its host IP " + a.hostIpText() + " is the director's own IP";
  }

  public long count(RouteDifference.Kind kind) {
    return differences.stream().filter(d -> d.kind() == kind).count();
  }
}
