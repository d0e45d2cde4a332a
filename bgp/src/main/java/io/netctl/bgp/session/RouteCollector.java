package io.netctl.bgp.session;

import io.netctl.bgp.rib.RibSnapshot;
import io.netctl.bgp.wire.AddressFamily;
import io.netctl.bgp.wire.Open;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A one-shot look at what a peer advertises: opens a session, waits until the peer has sent its
 * End-of-RIB for every family both sides support (or, for a peer that sends none, until no UPDATE
 * came for {@code settle}), takes a snapshot and closes with a Cease. Never waits past {@code timeout}.
 */
public final class RouteCollector {
  private RouteCollector() {}

  /** What came of it. */
  public sealed interface Result permits Collected, Failed {}

  /**
   * The routes, the peer's OPEN and how the wait ended.
   *
   * @param endOfRib true when every family's End-of-RIB arrived, false when the settle time decided
   */
  public record Collected(RibSnapshot rib, Open peerOpen, boolean endOfRib, Duration elapsed, SessionCounters.Snapshot counters)
      implements Result {}

  /** No session: connection refused, timed out, a NOTIFICATION, hold timer expired … ({@code reason} is one line). */
  public record Failed(String reason, SessionState lastState) implements Result {}

  public static Result collect(BgpSpeaker speaker, SessionConfig config, Duration timeout, Duration settle) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    Set<AddressFamily> eor = java.util.concurrent.ConcurrentHashMap.newKeySet();
    CompletableFuture<String> failed = new CompletableFuture<>();
    CompletableFuture<Void> established = new CompletableFuture<>();
    SessionListener listener = new SessionListener() {
      @Override
      public void onEvent(SessionEvent e) {
        if (e instanceof SessionEvent.StateChanged sc) {
          if (sc.to() == SessionState.ESTABLISHED) {
            established.complete(null);
          } else if (sc.reason() != null) {
            failed.complete(sc.reason());
          }
        } else if (e instanceof SessionEvent.EndOfRib er) {
          eor.add(er.family());
        }
      }

      @Override
      public boolean routeEvents() {
        return false;
      }
    };
    BgpSession session = speaker.session(config, listener);
    session.start();
    try {
      CompletableFuture.anyOf(established, failed).get(remaining(deadline), TimeUnit.NANOSECONDS);
      if (failed.isDone() && !established.isDone()) {
        return new Failed(failed.join(), session.state());
      }
      Set<AddressFamily> expected = new HashSet<>(config.families());
      Open peer = session.peerOpen();
      expected.retainAll(peer.families());
      long lastUpdates = -1;
      long quietSince = System.nanoTime();
      while (true) {
        if (failed.isDone()) {
          return new Failed("session went down before the table was complete: " + failed.join(), session.state());
        }
        if (eor.containsAll(expected)) {
          return collected(session, true, start);
        }
        long updates = session.counters().snapshot().updatesIn();
        if (updates != lastUpdates) {
          lastUpdates = updates;
          quietSince = System.nanoTime();
        } else if (System.nanoTime() - quietSince >= settle.toNanos()) {
          return collected(session, false, start);
        }
        if (System.nanoTime() > deadline) {
          return new Failed("timed out after " + timeout.toSeconds() + " s waiting for the peer's routes (End-of-RIB missing)", session.state());
        }
        Thread.sleep(Math.min(50, Math.max(1, settle.toMillis() / 4))); // polling interval of a deadline-bounded wait
      }
    } catch (TimeoutException e) {
      String last = session.counters().lastError();
      return new Failed("timed out after " + timeout.toSeconds() + " s in state " + session.state().title()
          + (last == null ? "" : " (last error: " + last + ")"), session.state());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Failed("interrupted", session.state());
    } catch (ExecutionException e) {
      return new Failed(String.valueOf(e.getCause()), session.state());
    } finally {
      try {
        session.stop("netctl finished reading routes").get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        // closing is best effort; the speaker's close stops everything
      }
    }
  }

  private static Collected collected(BgpSession s, boolean eor, long start) throws InterruptedException, ExecutionException {
    RibSnapshot rib = s.snapshot().get();
    return new Collected(rib, s.peerOpen(), eor, Duration.ofNanos(System.nanoTime() - start), s.counters().snapshot());
  }

  private static long remaining(long deadline) {
    return Math.max(1, deadline - System.nanoTime());
  }
}
