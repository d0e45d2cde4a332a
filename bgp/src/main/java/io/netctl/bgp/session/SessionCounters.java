package io.netctl.bgp.session;

import java.time.Instant;

/**
 * Per-session counters (written by the session's event loop, read from anywhere): messages in and
 * out, UPDATEs, current prefixes, flaps (Established sessions that went down, counted even when
 * shorter than any scrape interval), RFC 7606 findings, and the last error.
 */
public final class SessionCounters {
  private volatile long messagesIn;
  private volatile long messagesOut;
  private volatile long updatesIn;
  private volatile long prefixes;
  private volatile long flaps;
  private volatile long malformedUpdates;
  private volatile String lastError;
  private volatile SessionState state = SessionState.IDLE;
  private volatile Instant since = Instant.now();

  /** A consistent-enough copy for metrics and the CLI. */
  public record Snapshot(
      SessionState state, Instant since, long messagesIn, long messagesOut, long updatesIn, long prefixes, long flaps,
      long malformedUpdates, String lastError) {}

  public Snapshot snapshot() {
    return new Snapshot(state, since, messagesIn, messagesOut, updatesIn, prefixes, flaps, malformedUpdates, lastError);
  }

  void messageIn() {
    messagesIn++;
  }

  void messageOut() {
    messagesOut++;
  }

  void updateIn() {
    updatesIn++;
  }

  void prefixes(long n) {
    prefixes = n;
  }

  void flap() {
    flaps++;
  }

  void malformed() {
    malformedUpdates++;
  }

  void error(String reason) {
    lastError = reason;
  }

  void state(SessionState s, Instant at) {
    state = s;
    since = at;
  }

  public String lastError() {
    return lastError;
  }
}
