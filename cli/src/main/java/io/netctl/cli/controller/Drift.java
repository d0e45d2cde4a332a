package io.netctl.cli.controller;

import io.netctl.ipam.Allocator;
import io.netctl.ipam.PoolUse;
import io.netctl.validator.Report;
import io.netctl.validator.observe.PeerSession;
import io.netctl.validator.picture.NetworkPicture;
import java.util.List;
import java.util.Objects;

/**
 * What one drift check found.
 *
 * @param report the findings and which checks ran
 * @param ranges the use of each configured range
 * @param sessions the BGP sessions observed (empty when none are monitored)
 * @param addresses the addresses in use in each allocation's IPAM block
 * @param picture the pictures of the run for {@code /status}, or null when the check makes none
 */
public record Drift(Report report, List<Allocator.RangeUse> ranges, List<PeerSession> sessions, List<PoolUse> addresses, NetworkPicture picture) {
  public Drift {
    Objects.requireNonNull(report, "report");
    ranges = List.copyOf(ranges);
    sessions = List.copyOf(sessions);
    addresses = List.copyOf(addresses);
  }

  /** A drift check without pictures and without the addresses in use (none known). */
  public Drift(Report report, List<Allocator.RangeUse> ranges, List<PeerSession> sessions) {
    this(report, ranges, sessions, List.of(), null);
  }
}
