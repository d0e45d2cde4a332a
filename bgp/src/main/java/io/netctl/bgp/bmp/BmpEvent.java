package io.netctl.bgp.bmp;

import io.netctl.bgp.rib.Route;
import io.netctl.bgp.wire.AddressFamily;
import io.netctl.bgp.wire.Open;
import io.netctl.bgp.wire.Prefix;
import java.util.List;

/** What the collector reports, per router (its address and port as it connected). */
public sealed interface BmpEvent {
  String router();

  /** The router connected and sent its Initiation. */
  record RouterUp(String router, String sysName, String sysDescr) implements BmpEvent {}

  /** The router's stream ended (Termination, close, or a malformed message: {@code reason}). */
  record RouterDown(String router, String reason) implements BmpEvent {}

  /** A monitored peer's session came up. */
  record PeerUp(String router, MonitoredPeer peer, Open sentOpen, Open receivedOpen) implements BmpEvent {}

  /** A monitored peer's session went down; its routes (every view) are gone. */
  record PeerDown(String router, MonitoredPeer peer, String reason, int routesDropped) implements BmpEvent {}

  record RouteAnnounced(String router, MonitoredPeer peer, Route route) implements BmpEvent {}

  record RouteWithdrawn(String router, MonitoredPeer peer, Prefix prefix, long pathId) implements BmpEvent {
    /** A withdrawal without ADD-PATH. */
    public RouteWithdrawn(String router, MonitoredPeer peer, Prefix prefix) {
      this(router, peer, prefix, Route.NO_PATH_ID);
    }
  }

  record EndOfRib(String router, MonitoredPeer peer, AddressFamily family) implements BmpEvent {}

  /** A Statistics Report: (type, value) pairs. */
  record Statistics(String router, MonitoredPeer peer, List<BmpMessage.Stat> stats) implements BmpEvent {}
}
