package io.netctl.validator.picture;

import io.netctl.validator.Checker;
import io.netctl.validator.ClusterState;
import io.netctl.validator.Finding;
import io.netctl.validator.Intent;
import io.netctl.validator.Report;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the HTML report and the controller's status page draw, as data.
 *
 * @param at when the run happened
 * @param version netctl's version
 * @param revision the datastore revision the run read (0 when none)
 * @param summary the one-line verdict ({@code FAIL: 2 errors, ...})
 * @param checks every check of the run: what was observed and what could not be, with the reason
 * @param ranges the pool map, one entry per managed range
 * @param vertices the boxes of the session graph
 * @param edges its sessions
 * @param findings the findings, in the report's order
 * @param targets for each finding, the anchor of the pool or session it is about, or empty
 */
public record NetworkPicture(Instant at, String version, long revision, String summary, List<Report.CheckRun> checks, List<RangeMap> ranges,
    List<Vertex> vertices, List<SessionEdge> edges, List<Finding> findings, List<String> targets) {

  /** A range with more blocks than this is drawn sparse: only the blocks that are not free. */
  public static final int MAX_CELLS = 16_384;

  public NetworkPicture {
    Objects.requireNonNull(at, "at");
    version = version == null ? "" : version;
    summary = summary == null ? "" : summary;
    checks = List.copyOf(checks);
    ranges = List.copyOf(ranges);
    vertices = List.copyOf(vertices);
    edges = List.copyOf(edges);
    findings = List.copyOf(findings);
    targets = List.copyOf(targets);
    if (targets.size() != findings.size()) {
      throw new IllegalArgumentException("one target per finding");
    }
  }

  /**
   * Builds the pictures of one run.
   *
   * @param state the read the run looked at, or null (no pool map beyond the ranges then)
   * @param summary the verdict line to show
   */
  public static NetworkPicture of(Intent intent, ClusterState state, Checker.Result result, Instant at, String version, String summary) {
    List<Finding> findings = result.report().findings();
    FindingIndex index = new FindingIndex(findings);
    io.netctl.ipam.IpamState ipam = state == null ? null : state.ipam();
    List<RangeMap> ranges = PoolMap.build(intent, ipam, result.observed(), index);
    List<io.netctl.ipam.Allocation> allocations = ipam == null ? List.of()
        : ipam.allocations().values().stream().map(io.netctl.ipam.IpamState.Stored::value).toList();
    SessionGraph graph = SessionGraph.build(intent, allocations, result.observed(), index);
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < findings.size(); i++) {
      targets.add("");
    }
    for (RangeMap r : ranges) {
      for (PoolCell c : r.cells()) {
        c.findings().forEach(i -> targets.set(i, "p-" + c.cidr()));
      }
    }
    for (SessionEdge e : graph.edges()) {
      e.findings().forEach(i -> targets.set(i, e.anchor()));
    }
    return new NetworkPicture(at, version, state == null ? 0 : state.revision(), summary, result.report().checks(), ranges, graph.vertices(), graph.edges(),
        findings, targets);
  }

  /** The findings by the words of their subjects, so pools and sessions find theirs by name. */
  static final class FindingIndex {
    private final Map<String, List<Integer>> byWord = new HashMap<>();
    private final List<Finding> findings;

    FindingIndex(List<Finding> findings) {
      this.findings = findings;
      for (int i = 0; i < findings.size(); i++) {
        String s = findings.get(i).subject();
        add(s, i);
        for (String w : s.split(" ")) {
          add(w, i);
        }
        int arrow = s.indexOf(" -> ");
        if (arrow > 0) {
          add(s, i);
        }
      }
    }

    private void add(String key, int i) {
      List<Integer> l = byWord.computeIfAbsent(key, k -> new ArrayList<>());
      if (l.isEmpty() || l.get(l.size() - 1) != i) {
        l.add(i);
      }
    }

    /** Whether any of the findings {@code ids} is a warning or an error (an info, such as a pending allocation, is no fault). */
    boolean anyFault(List<Integer> ids) {
      return ids.stream().anyMatch(i -> findings.get(i).severity() != io.netctl.validator.Severity.INFO);
    }

    /** The findings whose subject is, or has as a word, one of {@code keys}. */
    List<Integer> about(String... keys) {
      List<Integer> out = new ArrayList<>();
      for (String k : keys) {
        if (k != null) {
          for (Integer i : byWord.getOrDefault(k, List.of())) {
            if (!out.contains(i)) {
              out.add(i);
            }
          }
        }
      }
      out.sort(null);
      return out;
    }
  }
}
