package io.netctl.validator.picture;

import java.util.List;
import java.util.Objects;

/**
 * One BGP session of the graph: from a node (or reflector, or netctl's monitor) to its peer.
 *
 * @param node the name of the lower end (a node; a reflector for its core-switch sessions)
 * @param peer the name of the upper end (a reflector or core switch), or its IP when unknown
 * @param reflector the reflector this edge is grouped under in a large graph
 * @param state what the sources saw
 * @param detail the sources and what they printed ({@code bird: Active}), or empty
 * @param findings indexes into {@link NetworkPicture#findings()} of findings about it
 */
public record SessionEdge(String node, String peer, String reflector, SessionState state, String detail, List<Integer> findings) {
  public SessionEdge {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(state, "state");
    reflector = reflector == null ? "" : reflector;
    detail = detail == null ? "" : detail;
    findings = List.copyOf(findings);
  }

  /** The id the findings table links to. */
  public String anchor() {
    return "s-" + node + "-" + peer;
  }
}
