package io.netctl.bgp.wire;

import java.util.List;

/**
 * A capability advertised in an OPEN (RFC 5492 §4): the ones this speaker understands as records,
 * everything else kept as {@link Unknown} so it can be shown and re-encoded byte for byte.
 */
public sealed interface Capability
    permits Capability.Multiprotocol,
        Capability.RouteRefresh,
        Capability.EnhancedRouteRefresh,
        Capability.FourOctetAs,
        Capability.GracefulRestart,
        Capability.ExtendedMessage,
        Capability.AddPath,
        Capability.LongLivedGracefulRestart,
        Capability.Unknown {

  int MULTIPROTOCOL = 1;
  int ROUTE_REFRESH = 2;
  int EXTENDED_MESSAGE = 6;
  int GRACEFUL_RESTART = 64;
  int FOUR_OCTET_AS = 65;
  int ADD_PATH = 69;
  int LONG_LIVED_GRACEFUL_RESTART = 71;
  int ENHANCED_ROUTE_REFRESH = 70;

  /** The capability code. */
  int code();

  /** Multiprotocol extensions for one AFI/SAFI (RFC 4760 §8): value AFI(2) reserved(1) SAFI(1). */
  record Multiprotocol(AddressFamily family) implements Capability {
    @Override
    public int code() {
      return MULTIPROTOCOL;
    }
  }

  /** Route refresh (RFC 2918 §2): empty value. */
  record RouteRefresh() implements Capability {
    @Override
    public int code() {
      return ROUTE_REFRESH;
    }
  }

  /** Enhanced route refresh (RFC 7313 §3.1): empty value; BoRR/EoRR demarcation. */
  record EnhancedRouteRefresh() implements Capability {
    @Override
    public int code() {
      return ENHANCED_ROUTE_REFRESH;
    }
  }

  /** Support for 4-octet AS numbers (RFC 6793 §3): value is the speaker's AS, 4 octets. */
  record FourOctetAs(long asNumber) implements Capability {
    public FourOctetAs {
      if (asNumber < 0 || asNumber > 0xffffffffL) {
        throw new IllegalArgumentException("AS number out of range: " + asNumber);
      }
    }

    @Override
    public int code() {
      return FOUR_OCTET_AS;
    }
  }

  /**
   * Graceful restart (RFC 4724 §3): flags(4 bits: R = restarting, N = notification RFC 8538),
   * restart time(12 bits), then per family AFI(2) SAFI(1) flags(1, F = forwarding preserved).
   * Advertising it with no families makes a peer send End-of-RIB markers.
   */
  record GracefulRestart(int flags, int restartTime, List<Family> families) implements Capability {
    public static final int RESTARTING = 0x8;
    public static final int NOTIFICATION = 0x4;

    public GracefulRestart {
      if (flags < 0 || flags > 0xf || restartTime < 0 || restartTime > 0xfff) {
        throw new IllegalArgumentException("graceful restart flags must be 0-15 and time 0-4095");
      }
      families = List.copyOf(families);
    }

    @Override
    public int code() {
      return GRACEFUL_RESTART;
    }

    /** R: the sender has restarted (RFC 4724 §3). */
    public boolean restarting() {
      return (flags & RESTARTING) != 0;
    }

    /** N: graceful restart also covers NOTIFICATIONs (RFC 8538 §2). */
    public boolean notification() {
      return (flags & NOTIFICATION) != 0;
    }

    /** One family of a graceful-restart capability; {@code flags} bit 0x80 = forwarding state preserved. */
    public record Family(AddressFamily family, int flags) {
      public static final int FORWARDING = 0x80;

      public Family {
        if (flags < 0 || flags > 0xff) {
          throw new IllegalArgumentException("flags must be 0-255");
        }
      }

      /** F: the sender kept its forwarding state for the family across the restart (RFC 4724 §3). */
      public boolean forwardingPreserved() {
        return (flags & FORWARDING) != 0;
      }
    }
  }

  /** Extended messages up to 65535 bytes (RFC 8654 §3): empty value. */
  record ExtendedMessage() implements Capability {
    @Override
    public int code() {
      return EXTENDED_MESSAGE;
    }
  }

  /**
   * ADD-PATH (RFC 7911 §4): per family AFI(2) SAFI(1) Send/Receive(1), 1 = receive, 2 = send, 3 =
   * both. Path identifiers travel in a family's NLRI once one side offers to send and the other to
   * receive (§5). A value with another Send/Receive number is kept as {@link Unknown}.
   */
  record AddPath(List<Entry> entries) implements Capability {
    public AddPath {
      entries = List.copyOf(entries);
    }

    @Override
    public int code() {
      return ADD_PATH;
    }

    /** True when this side offers to send path identifiers for the family. */
    public boolean sends(AddressFamily family) {
      for (Entry e : entries) {
        if (e.family().equals(family) && (e.sendReceive() & Entry.SEND) != 0) {
          return true;
        }
      }
      return false;
    }

    /** True when this side is able to receive path identifiers for the family. */
    public boolean receives(AddressFamily family) {
      for (Entry e : entries) {
        if (e.family().equals(family) && (e.sendReceive() & Entry.RECEIVE) != 0) {
          return true;
        }
      }
      return false;
    }

    /** One family of an ADD-PATH capability. */
    public record Entry(AddressFamily family, int sendReceive) {
      public static final int RECEIVE = 1;
      public static final int SEND = 2;
      public static final int BOTH = 3;

      public Entry {
        if (sendReceive < RECEIVE || sendReceive > BOTH) {
          throw new IllegalArgumentException("ADD-PATH Send/Receive must be 1, 2 or 3: " + sendReceive);
        }
      }
    }
  }

  /**
   * Long-lived graceful restart (RFC 9494 §3, code 71): per family AFI(2) SAFI(1) Flags(1, F =
   * forwarding state preserved) Long-lived Stale Time(3, seconds): how long the receiver may keep
   * the sender's routes as stale, after the graceful-restart time, when the session is lost.
   */
  record LongLivedGracefulRestart(List<Family> families) implements Capability {
    public LongLivedGracefulRestart {
      families = List.copyOf(families);
    }

    @Override
    public int code() {
      return LONG_LIVED_GRACEFUL_RESTART;
    }

    /** One family: its flags and stale time in seconds (24 bits). */
    public record Family(AddressFamily family, int flags, int staleTime) {
      public static final int FORWARDING = 0x80;

      public Family {
        if (flags < 0 || flags > 0xff || staleTime < 0 || staleTime > 0xffffff) {
          throw new IllegalArgumentException("LLGR flags must be 0-255 and stale time 0-16777215 s");
        }
      }

      /** F: forwarding state preserved for the family. */
      public boolean forwardingPreserved() {
        return (flags & FORWARDING) != 0;
      }
    }
  }

  /** Any other capability (FQDN, FQDN, LLGR, …), code and value kept. */
  record Unknown(int code, Octets value) implements Capability {
    public Unknown {
      if (code < 0 || code > 255 || value.length() > 255) {
        throw new IllegalArgumentException("capability code must be 0-255 and value at most 255 bytes");
      }
    }
  }
}
