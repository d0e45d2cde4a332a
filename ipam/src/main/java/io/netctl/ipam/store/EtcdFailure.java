package io.netctl.ipam.store;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One failed attempt of an etcd request, classified by what netctl may do next. Pure: built from
 * the gRPC status code's name and description, so it is tested without etcd; {@link EtcdStore}
 * reads them off jetcd's exception.
 *
 * <p>etcd answers {@code UNAVAILABLE} with an {@code etcdserver:} description while it cannot
 * serve a request for now — "no leader", "leader changed", "request timed out" (a proposal lost
 * with its leader), "server stopped"; {@code UNKNOWN} "raft proposal dropped" — and {@code RESOURCE_EXHAUSTED} "too many requests" when
 * busy (etcd's {@code rpctypes}). Those, a broken connection (gRPC's {@code UNAVAILABLE}, or {@code UNKNOWN} "channel closed" when a
 * member dies under a call) and no answer at all are worth another
 * attempt on another member; a transaction that got one of them may or may not have been applied.
 * Everything else (permission, a malformed request, a TLS failure) is an answer for good.
 *
 * @param kind what the failure lets netctl do
 * @param detail what etcd or gRPC said, one line, e.g. {@code UNAVAILABLE: etcdserver: leader
 *     changed}
 */
record EtcdFailure(Kind kind, String detail) {

  /** What a failure lets netctl do. */
  enum Kind {
    /** No answer within the attempt's share of the budget: try again (another member may answer). */
    NO_ANSWER,
    /** The connection failed or broke (gRPC's own UNAVAILABLE): try again on another member. */
    UNREACHABLE,
    /** etcd answered it cannot serve the request now (an election, or stopping): try again. */
    ELECTION,
    /** etcd answered it is too busy: try again after a pause. */
    BUSY,
    /** etcd or the TLS layer refused for good: no retry can help. */
    REFUSED
  }

  /** etcd's descriptions of answers that mean "not now" (etcd's rpctypes, v3.4–3.5). */
  private static final List<String> NOT_NOW = List.of(
      "etcdserver: no leader",
      "etcdserver: leader changed",
      "etcdserver: request timed out",
      "etcdserver: server stopped",
      "etcdserver: not capable",
      "etcdserver: unhealthy cluster");

  EtcdFailure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  /** Whether another attempt may succeed. */
  boolean retryable() {
    return kind != Kind.REFUSED;
  }

  /**
   * Whether a transaction that failed this way may have been applied. etcd turns some requests
   * away before proposing them — "no leader" (the member has none and the client asked for one),
   * "too many requests", a proposal its raft dropped — and refusals for good apply nothing; for
   * everything else (a timeout, a lost leader, a broken connection) nobody can tell.
   */
  boolean outcomeUnknown() {
    return kind != Kind.REFUSED && kind != Kind.BUSY
        && !detail.contains("etcdserver: no leader") && !detail.contains("raft proposal dropped");
  }

  /**
   * Classifies a failed request.
   *
   * @param code the gRPC status code's name, e.g. {@code UNAVAILABLE}
   * @param description the status description (null when none)
   * @param tls whether the cause was a TLS failure (an untrusted server, a refused certificate)
   */
  static EtcdFailure of(String code, String description, boolean tls) {
    String c = code == null ? "UNKNOWN" : code.toUpperCase(Locale.ROOT);
    String d = description == null || description.isBlank() ? "" : description.strip();
    String detail = d.isEmpty() ? c : c + ": " + d;
    if (tls) {
      return new EtcdFailure(Kind.REFUSED, detail);
    }
    for (String s : NOT_NOW) {
      if (d.startsWith(s)) {
        return new EtcdFailure(Kind.ELECTION, detail);
      }
    }
    if (d.contains("raft proposal dropped")) { // a follower without a leader drops proposals (gRPC code UNKNOWN)
      return new EtcdFailure(Kind.ELECTION, detail);
    }
    if (c.equals("UNKNOWN") && brokenConnection(d)) { // a member killed mid-request: its channel closed under the call
      return new EtcdFailure(Kind.UNREACHABLE, detail);
    }
    if (d.startsWith("etcdserver: too many requests")) {
      return new EtcdFailure(Kind.BUSY, detail);
    }
    return switch (c) {
      case "UNAVAILABLE", "CANCELLED", "INTERNAL" -> new EtcdFailure(d.startsWith("etcdserver:") ? Kind.ELECTION : Kind.UNREACHABLE, detail);
      case "DEADLINE_EXCEEDED" -> new EtcdFailure(Kind.NO_ANSWER, detail);
      case "RESOURCE_EXHAUSTED" -> new EtcdFailure(Kind.BUSY, detail);
      default -> new EtcdFailure(Kind.REFUSED, detail);
    };
  }

  /** Descriptions gRPC gives with {@code UNKNOWN} when the transport broke, not the server answered. */
  private static boolean brokenConnection(String d) {
    String l = d.toLowerCase(Locale.ROOT);
    return l.startsWith("channel closed") || l.contains("closedchannelexception") || l.contains("connection reset");
  }

  /** The attempt got no answer within {@code waited}. */
  static EtcdFailure noAnswer(Duration waited) {
    return new EtcdFailure(Kind.NO_ANSWER, "no answer within " + seconds(waited) + " s");
  }

  /** Seconds with one decimal, for messages. */
  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
  }
}
