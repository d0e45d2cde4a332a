package io.netctl.validator.change;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import java.util.List;
import java.util.Objects;

/** One step of a change file ({@code changes:} list), each a one-key map in YAML. */
public sealed interface Change
    permits Change.Allocate, Change.Release, Change.AddRouteReflector, Change.RemoveRouteReflector,
        Change.AddDirector, Change.RemoveDirector, Change.SetAsNumber, Change.SetRanges {

  /** The line of the change file it came from (for messages). */
  int line();

  /** {@code allocate: {node, hostIp}}. */
  record Allocate(String node, IPv4Address hostIp, int line) implements Change {
    public Allocate {
      Objects.requireNonNull(node, "node");
    }
  }

  /** {@code release: {node}}. */
  record Release(String node, int line) implements Change {}

  /** {@code addRouteReflector: {name, ip, clusterId}}. */
  record AddRouteReflector(String name, IPv4Address ip, IPv4Address clusterId, int line) implements Change {}

  /** {@code removeRouteReflector: {name}}. */
  record RemoveRouteReflector(String name, int line) implements Change {}

  /** {@code addDirector: {name, ip}}. */
  record AddDirector(String name, IPv4Address ip, int line) implements Change {}

  /** {@code removeDirector: {name}}. */
  record RemoveDirector(String name, int line) implements Change {}

  /** {@code setAsNumber: N}. */
  record SetAsNumber(long asNumber, int line) implements Change {}

  /** {@code setRanges: [cidr, ...]} (not validated here: invalid ranges become a finding). */
  record SetRanges(List<IPAddress> ranges, int line) implements Change {
    public SetRanges {
      ranges = List.copyOf(ranges);
    }
  }
}
