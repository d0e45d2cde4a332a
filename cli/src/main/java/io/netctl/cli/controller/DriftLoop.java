package io.netctl.cli.controller;

import io.netctl.cli.metrics.NetctlMetrics;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import io.netctl.validator.picture.NetworkPicture;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the drift check, keeps the current findings (the check's and the reconciler's), logs each
 * finding once when it appears and once when it resolves, and exports them as metrics. It reports;
 * it never repairs.
 */
public final class DriftLoop {
  private static final Logger LOG = LoggerFactory.getLogger(DriftLoop.class);

  private final DriftCheck check;
  private final Supplier<List<Finding>> controllerFindings;
  private final NetctlMetrics metrics;
  private final Clock clock;
  private Map<String, Finding> current = Map.of();
  private volatile Report lastReport;
  private volatile NetworkPicture lastPicture;
  private volatile String lastError;
  private String lastNotRun = "";

  public DriftLoop(DriftCheck check, Supplier<List<Finding>> controllerFindings, NetctlMetrics metrics, Clock clock) {
    this.check = check;
    this.controllerFindings = controllerFindings;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** One cycle; never throws (a failed check is logged and keeps the previous findings). */
  public synchronized void runOnce() {
    long start = System.nanoTime();
    Drift drift;
    try {
      drift = check.run();
    } catch (RuntimeException e) {
      metrics.checkFailed(Duration.ofNanos(System.nanoTime() - start));
      if (!String.valueOf(e.getMessage()).equals(lastError)) {
        LOG.warn("drift check failed: {}; keeping the last findings, retrying every interval", e.getMessage());
      }
      lastError = String.valueOf(e.getMessage());
      refreshControllerFindings();
      return;
    }
    if (lastError != null) {
      LOG.info("drift check runs again");
      lastError = null;
    }
    lastReport = drift.report();
    if (drift.picture() != null) {
      lastPicture = drift.picture();
    }
    String notRun = String.join("; ", drift.report().checks().stream().filter(c -> !c.ran()).map(c -> c.name() + ": " + c.reason()).toList());
    if (!notRun.equals(lastNotRun) && !notRun.isEmpty()) {
      LOG.info("checks not run: {}", notRun);
    }
    lastNotRun = notRun;
    List<Finding> all = new ArrayList<>(drift.report().findings());
    all.addAll(controllerFindings.get());
    publish(all);
    metrics.ranges(drift.ranges());
    metrics.poolAddresses(drift.addresses());
    metrics.sessions(drift.sessions());
    if (check.churn() != null) {
      metrics.routeChanges(check.churn());
    }
    metrics.checkDone(Duration.ofNanos(System.nanoTime() - start), clock.instant());
  }

  /** Between checks: the reconciler's findings, so they show without waiting for the next check. */
  public synchronized void refreshControllerFindings() {
    List<Finding> all = new ArrayList<>();
    if (lastReport != null) {
      all.addAll(lastReport.findings());
    }
    all.addAll(controllerFindings.get());
    publish(all);
  }

  private void publish(List<Finding> all) {
    Map<String, Finding> now = new LinkedHashMap<>();
    for (Finding f : all) {
      now.put(key(f), f);
    }
    for (Map.Entry<String, Finding> e : now.entrySet()) {
      if (!current.containsKey(e.getKey())) {
        Finding f = e.getValue();
        LOG.warn("finding {} {} {}: expected {}; observed {}", f.severity().name().toLowerCase(java.util.Locale.ROOT), f.code().id(), f.subject(),
            f.expected().isEmpty() ? "-" : f.expected(), f.observed().isEmpty() ? "-" : f.observed());
      }
    }
    for (Map.Entry<String, Finding> e : current.entrySet()) {
      if (!now.containsKey(e.getKey())) {
        LOG.info("resolved {} {}", e.getValue().code().id(), e.getValue().subject());
      }
    }
    current = now;
    metrics.findings(List.copyOf(now.values()));
  }

  /** The findings as of the last cycle. */
  public synchronized List<Finding> current() {
    return List.copyOf(current.values());
  }

  /** The pictures of the last check that made them (the controller's {@code /status}), or null before the first. */
  public NetworkPicture picture() {
    return lastPicture;
  }

  /** Why the last check failed, or null. */
  public String lastError() {
    return lastError;
  }

  private static String key(Finding f) {
    return f.code().name() + "|" + f.subject() + "|" + f.expected() + "|" + f.observed();
  }
}
