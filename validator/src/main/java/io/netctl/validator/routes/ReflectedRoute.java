package io.netctl.validator.routes;

import inet.ipaddr.IPAddress;
import java.util.List;
import java.util.Objects;

/**
 * A route a route reflector advertises to netctl's monitor session, reduced to what the checks
 * compare.
 *
 * @param prefix the destination
 * @param nextHop the NEXT_HOP, dotted, or null
 * @param asPathLength the AS path's length (0 for a route from inside the AS)
 * @param originatorId ORIGINATOR_ID, dotted, or null
 * @param clusterList CLUSTER_LIST, dotted, nearest first
 */
public record ReflectedRoute(IPAddress prefix, String nextHop, int asPathLength, String originatorId, List<String> clusterList) {
  public ReflectedRoute {
    Objects.requireNonNull(prefix, "prefix");
    clusterList = List.copyOf(clusterList);
  }
}
