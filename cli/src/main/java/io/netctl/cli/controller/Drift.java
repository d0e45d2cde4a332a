package io.netctl.cli.controller;

import io.netctl.ipam.Allocator;
import io.netctl.validator.Report;
import io.netctl.validator.observe.PeerSession;
import io.netctl.validator.picture.NetworkPicture;
import java.util.List;
import java.util.Objects;

/**
 * What one drift check saw.
 *
 * @param report the findings and which checks ran
 * @param ranges the use of each configured range
 * @param sessions the BGP sessions observed (empty when none are monitored)
 * @param picture the pictures of the run for {@code /status}, or null when the check makes none
 */
public record Drift(Report report, List<Allocator.RangeUse> ranges, List<PeerSession> sessions, NetworkPicture picture) {
  public Drift {
    Objects.requireNonNull(report, "report");
    ranges = List.copyOf(ranges);
    sessions = List.copyOf(sessions);
  }

  /** A drift check without pictures. */
  public Drift(Report report, List<Allocator.RangeUse> ranges, List<PeerSession> sessions) {
    this(report, ranges, sessions, null);
  }
}
