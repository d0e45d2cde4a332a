package io.netctl.cli.routes;

import io.netctl.cli.check.PoolWatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The routes-ready wait: asks the sources again and again until every one has shown the pool with
 * the right next hop, or the deadline has passed. Time comes from the given clock and the pause
 * between looks from the given sleeper, so a test drives both. A source counts as ready from the
 * first look that showed the pool; its seconds are counted from {@code start}.
 */
public final class RouteWait {
  /** Pause between two looks. */
  static final Duration INTERVAL = Duration.ofMillis(250);

  /** How the wait pauses between looks (a test's advances its clock). */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /**
   * One source at the end of the wait.
   *
   * @param source the route reflector or director
   * @param present the pool was seen there with the right next hop
   * @param nextHop the next hop seen (null when no route for the pool was seen)
   * @param seconds from {@code start} to the first look that showed it, or null when missing
   * @param unobserved why the source could never be observed during the wait, or null
   */
  public record Result(String source, boolean present, String nextHop, Double seconds, String unobserved) {
    public boolean observed() {
      return unobserved == null;
    }
  }

  /**
   * The outcome: every source, in the order the sources gave them. One reflector can be two
   * sources, its monitor session and its BMP feed ({@code NAME (BMP)}); a view that was never
   * observed (a reflector that does not speak BMP) does not hold up the reflector when its other
   * view has the pool.
   */
  public record Outcome(List<Result> results) {
    public Outcome {
      results = List.copyOf(results);
    }

    public boolean ready() {
      return !results.isEmpty() && missing().isEmpty();
    }

    public boolean nothingObserved() {
      return results.stream().noneMatch(Result::observed);
    }

    /** The sources still without the pool (missing, or never observed and not covered by the reflector's other view). */
    public List<String> missing() {
      return results.stream().filter(r -> !r.present() && !covered(r)).map(Result::source).toList();
    }

    private boolean covered(Result r) {
      return !r.observed() && results.stream().anyMatch(o -> o != r && o.present() && reflector(o.source()).equals(reflector(r.source())));
    }

    private static String reflector(String source) {
      return source.endsWith(" (BMP)") ? source.substring(0, source.length() - " (BMP)".length()) : source;
    }
  }

  private RouteWait() {}

  /**
   * Looks until every source has the pool or {@code start + timeout} has passed.
   *
   * @param look one look at every source
   * @param progress told which sources are still missing after each look
   */
  static Outcome await(Supplier<List<PoolWatch.Look>> look, Clock clock, Sleeper sleeper, Instant start, Duration timeout, Consumer<String> progress) {
    Instant deadline = start.plus(timeout);
    Map<String, PoolWatch.Look> last = new LinkedHashMap<>();
    Map<String, Double> firstSeen = new LinkedHashMap<>();
    Map<String, String> seenNextHop = new LinkedHashMap<>();
    java.util.Set<String> observed = new java.util.HashSet<>();
    while (true) {
      List<PoolWatch.Look> looks = look.get();
      Instant at = clock.instant();
      for (PoolWatch.Look l : looks) {
        last.put(l.source(), l);
        if (l.seen() == null) {
          continue;
        }
        observed.add(l.source());
        if (!firstSeen.containsKey(l.source())) {
          seenNextHop.put(l.source(), l.seen().nextHop());
          if (l.seen().present()) {
            firstSeen.put(l.source(), Duration.between(start, at).toMillis() / 1000.0);
          }
        }
      }
      Outcome now = outcome(last, firstSeen, seenNextHop, observed);
      if (now.ready() || !at.isBefore(deadline)) {
        return now;
      }
      progress.accept(String.join(", ", now.missing()));
      try {
        sleeper.sleep(INTERVAL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return now;
      }
    }
  }

  private static Outcome outcome(Map<String, PoolWatch.Look> last, Map<String, Double> firstSeen, Map<String, String> seenNextHop,
      java.util.Set<String> observed) {
    List<Result> out = new ArrayList<>();
    for (PoolWatch.Look l : last.values()) {
      String s = l.source();
      out.add(new Result(s, firstSeen.containsKey(s), seenNextHop.get(s), firstSeen.get(s),
          observed.contains(s) ? null : l.unobserved()));
    }
    return new Outcome(out);
  }
}
