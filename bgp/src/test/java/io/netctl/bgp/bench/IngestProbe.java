package io.netctl.bgp.bench;

import io.netctl.bgp.rib.RibSnapshot;
import io.netctl.bgp.session.BgpSession;
import io.netctl.bgp.session.BgpSpeaker;
import io.netctl.bgp.session.SessionConfig;
import io.netctl.bgp.session.SessionEvent;
import io.netctl.bgp.session.SessionListener;
import io.netctl.bgp.session.SessionState;
import io.netctl.bgp.wire.AddressFamily;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The netctl side of {@code bench/bgp-ingest.sh}: one session to a route reflector, no per-route
 * events, and when the IPv4 End-of-RIB arrives one JSON line: milliseconds from Established to
 * End-of-RIB, prefixes, and the heap the RIB retains per prefix (used heap after full GCs, minus
 * the same before the session).
 *
 * <pre>IngestProbe PEER LOCAL_ADDRESS TIMEOUT_SECONDS</pre>
 */
public final class IngestProbe {
  private IngestProbe() {}

  public static void main(String[] args) throws Exception {
    InetAddress peer = InetAddress.getByName(args[0]);
    InetAddress local = InetAddress.getByName(args[1]);
    long timeout = Long.parseLong(args[2]);
    long baseline = usedHeapAfterGc();
    CompletableFuture<Long> established = new CompletableFuture<>();
    CompletableFuture<Long> eor = new CompletableFuture<>();
    CompletableFuture<String> failed = new CompletableFuture<>();
    SessionListener listener = new SessionListener() {
      @Override
      public void onEvent(SessionEvent e) {
        if (e instanceof SessionEvent.StateChanged s && s.to() == SessionState.ESTABLISHED) {
          established.complete(System.nanoTime());
        } else if (e instanceof SessionEvent.StateChanged s && s.reason() != null && established.isDone()) {
          failed.complete(s.reason());
        } else if (e instanceof SessionEvent.EndOfRib r && r.family().equals(AddressFamily.IPV4_UNICAST)) {
          eor.complete(System.nanoTime());
        }
      }

      @Override
      public boolean routeEvents() {
        return false;
      }
    };
    try (BgpSpeaker speaker = new BgpSpeaker()) {
      SessionConfig c = SessionConfig.of(peer, 64512, 64512, local.getHostAddress()).withLocalAddress(local).withHoldTime(240)
          .withFamilies(List.of(AddressFamily.IPV4_UNICAST)).withConnectRetry(Duration.ofMillis(200), Duration.ofSeconds(1));
      BgpSession session = speaker.session(c, listener);
      session.start();
      CompletableFuture.anyOf(eor, failed).get(timeout, TimeUnit.SECONDS);
      if (failed.isDone()) {
        System.out.println("{\"error\":\"" + failed.join().replace("\"", "'") + "\"}");
        System.exit(1);
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(eor.join() - established.join());
      long retained = usedHeapAfterGc() - baseline; // before any snapshot, which would copy the table
      long n = session.counters().snapshot().prefixes();
      System.out.printf("{\"prefixes\":%d,\"established_to_eor_ms\":%d,\"prefixes_per_second\":%d,\"retained_heap_bytes\":%d,"
              + "\"bytes_per_prefix\":%.1f,\"updates\":%d}%n",
          n, millis, millis == 0 ? 0 : n * 1000L / millis, retained, (double) retained / Math.max(1, n),
          session.counters().snapshot().updatesIn());
      System.out.flush();
      RibSnapshot rib = session.snapshot().get(); // the session (and its RIB) stays reachable until here
      if (rib.size() != n) {
        throw new IllegalStateException("RIB has " + rib.size() + " routes, counters say " + n);
      }
    }
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
