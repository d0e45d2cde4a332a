package io.netctl.bgp.bmp;

import io.netctl.bgp.wire.Notification;
import io.netctl.bgp.wire.Octets;
import io.netctl.bgp.wire.Open;
import io.netctl.bgp.wire.Update;
import java.net.InetAddress;
import java.util.List;

/** A BMP message (RFC 7854 §4): the common header's type decides the record. */
public sealed interface BmpMessage
    permits BmpMessage.RouteMonitoring,
        BmpMessage.StatisticsReport,
        BmpMessage.PeerDown,
        BmpMessage.PeerUp,
        BmpMessage.Initiation,
        BmpMessage.Termination,
        BmpMessage.RouteMirroring {

  /** An information TLV: type(2) length(2) value (§4.4); string types shown as text. */
  record InfoTlv(int type, Octets value) {
    public String text() {
      return new String(value.toByteArray(), java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
    }
  }

  /** Type 0 (§4.6): an UPDATE the peer sent (pre-policy) or the router kept (post-policy). */
  record RouteMonitoring(PeerHeader peer, Update update) implements BmpMessage {}

  /** Type 1 (§4.8): counters; values of 4 or 8 bytes read as numbers, others kept. */
  record StatisticsReport(PeerHeader peer, List<Stat> stats) implements BmpMessage {
    public StatisticsReport {
      stats = List.copyOf(stats);
    }
  }

  /** One statistic: its type (§4.8: 0 rejected prefixes, 7 Adj-RIBs-In routes, …) and value. */
  record Stat(int type, long value, Octets raw) {}

  /**
   * Type 2 (§4.9): the session to the peer went down. Reasons: 1 local NOTIFICATION, 2 local
   * without NOTIFICATION (FSM event code in data), 3 remote NOTIFICATION, 4 remote without data,
   * 5 peer de-configured.
   */
  record PeerDown(PeerHeader peer, int reason, Notification notification, Octets data) implements BmpMessage {
    /** One line, e.g. "remote system closed with NOTIFICATION Cease / Administrative Shutdown (6/2)". */
    public String describe() {
      String n = notification == null ? "" : " with NOTIFICATION " + notification.describe();
      return switch (reason) {
        case 1 -> "local system closed" + n;
        case 2 -> "local system closed without NOTIFICATION (FSM event " + (data.length() >= 2 ? (data.get(0) << 8 | data.get(1)) : -1) + ")";
        case 3 -> "remote system closed" + n;
        case 4 -> "remote system closed without data";
        case 5 -> "peer de-configured";
        default -> "reason " + reason;
      };
    }
  }

  /** Type 3 (§4.10): the session to the peer is up; both OPENs as exchanged. */
  record PeerUp(PeerHeader peer, InetAddress localAddress, int localPort, int remotePort, Open sentOpen, Open receivedOpen,
      List<InfoTlv> information) implements BmpMessage {
    public PeerUp {
      information = List.copyOf(information);
    }
  }

  /** Type 4 (§4.3): the router introduces itself (1 sysDescr, 2 sysName, 0 free text). */
  record Initiation(List<InfoTlv> information) implements BmpMessage {
    public Initiation {
      information = List.copyOf(information);
    }

    public String value(int type) {
      return information.stream().filter(t -> t.type() == type).map(InfoTlv::text).findFirst().orElse(null);
    }
  }

  /** Type 5 (§4.5): the router ends the stream (TLV 1 is the reason code). */
  record Termination(List<InfoTlv> information) implements BmpMessage {
    public Termination {
      information = List.copyOf(information);
    }
  }

  /** Type 6 (§4.7): mirrored messages, kept raw. */
  record RouteMirroring(PeerHeader peer, Octets tlvs) implements BmpMessage {}
}
