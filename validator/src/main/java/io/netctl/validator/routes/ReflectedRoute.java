package io.netctl.validator.routes;

import inet.ipaddr.IPAddress;
import java.util.List;
import java.util.Objects;

/**
 * A route a route reflector advertises to netctl's monitor session (one path of it, when the
 * session receives ADD-PATH), reduced to what the checks compare.
 *
 * @param prefix the destination
 * @param nextHop the NEXT_HOP, dotted, or null
 * @param asPathLength the AS path's length (0 for a route from inside the AS)
 * @param originatorId ORIGINATOR_ID, dotted, or null
 * @param clusterList CLUSTER_LIST, dotted, nearest first
 * @param pathId the ADD-PATH path identifier (RFC 7911), or -1 when the session carries none
 */
public record ReflectedRoute(IPAddress prefix, String nextHop, int asPathLength, String originatorId, List<String> clusterList, long pathId) {
  public ReflectedRoute {
    Objects.requireNonNull(prefix, "prefix");
    clusterList = List.copyOf(clusterList);
  }

  /** A route without a path identifier (a session without ADD-PATH, a BMP Adj-RIB-In). */
  public ReflectedRoute(IPAddress prefix, String nextHop, int asPathLength, String originatorId, List<String> clusterList) {
    this(prefix, nextHop, asPathLength, originatorId, clusterList, -1);
  }

  /**
   * Who originated it: the ORIGINATOR_ID a reflector adds (RFC 4456 §8), else the next hop (a
   * route straight from its client, as in a BMP pre-policy Adj-RIB-In).
   */
  public String origin() {
    return originatorId != null ? originatorId : nextHop;
  }
}
