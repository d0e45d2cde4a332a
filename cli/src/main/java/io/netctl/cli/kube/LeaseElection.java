package io.netctl.cli.kube;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import io.netctl.cli.RepeatedFailures;
import io.netctl.cli.controller.Controller;
import io.netctl.ipam.OneLine;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a coordination.k8s.io Lease with fabric8's {@link LeaderElector}: the
 * replica holding the lease writes; one that loses it stops writing in the callback, before
 * anything else; {@link #close()} releases the lease so a standby takes over after its next retry
 * instead of after the lease duration.
 */
public final class LeaseElection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseElection.class);

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final String identity;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "netctl-lease");
    t.setDaemon(true);
    return t;
  });
  private LeaderElector elector;
  private CompletableFuture<?> running;

  public LeaseElection(KubernetesClient client, String namespace, String name, String identity) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.identity = identity;
  }

  /** Starts competing for the lease; {@code controller} leads while this replica holds it. */
  public void start(Controller controller, Duration leaseDuration) {
    describeHolder();
    Duration renew = leaseDuration.multipliedBy(2).dividedBy(3);
    Duration retry = leaseDuration.dividedBy(5).isZero() ? Duration.ofMillis(200) : leaseDuration.dividedBy(5);
    elector = new LeaderElector(client, new LeaderElectionConfigBuilder()
        .withName(name)
        .withLock(new LoggedLock(new LeaseLock(namespace, name, identity), namespace + "/" + name))
        .withLeaseDuration(leaseDuration)
        .withRenewDeadline(renew)
        .withRetryPeriod(retry)
        .withReleaseOnCancel(true)
        .withLeaderCallbacks(new LeaderCallbacks(
            controller::startLeading,
            controller::stopLeading,
            holder -> LOG.info("lease {}/{} is held by {}", namespace, name, holder)))
        .build(), executor);
    running = elector.start();
  }

  /** Logs who holds the lease now and since when, so a lease held by a dead process is visible while it expires. */
  private void describeHolder() {
    try {
      Lease l = client.leases().inNamespace(namespace).withName(name).get();
      if (l != null && l.getSpec() != null && l.getSpec().getHolderIdentity() != null && !identity.equals(l.getSpec().getHolderIdentity())) {
        LOG.info("lease {}/{} is held by {} (renewed {}, duration {}s); this replica ({}) takes over if it is not renewed",
            namespace, name, l.getSpec().getHolderIdentity(), l.getSpec().getRenewTime(), l.getSpec().getLeaseDurationSeconds(), identity);
      }
    } catch (KubernetesClientException e) {
      LOG.warn("cannot read lease {}/{}: {}; leader election keeps retrying", namespace, name, OneLine.withCause(e));
    }
  }

  public String identity() {
    return identity;
  }

  /**
   * The Lease lock with its failures logged by netctl, one line the first time and every 30th
   * ({@link RepeatedFailures}): fabric8's own logs, which carry stack traces, are off unless
   * NETCTL_DEBUG is set.
   */
  private static final class LoggedLock implements Lock {
    private final Lock lock;
    private final String what;
    private final RepeatedFailures failures = new RepeatedFailures();

    LoggedLock(Lock lock, String what) {
      this.lock = lock;
      this.what = what;
    }

    @Override
    public LeaderElectionRecord get(KubernetesClient client) {
      return logged(() -> lock.get(client));
    }

    @Override
    public void create(KubernetesClient client, LeaderElectionRecord record) {
      logged(() -> {
        lock.create(client, record);
        return null;
      });
    }

    @Override
    public void update(KubernetesClient client, LeaderElectionRecord record) {
      logged(() -> {
        lock.update(client, record);
        return null;
      });
    }

    @Override
    public String identity() {
      return lock.identity();
    }

    @Override
    public String describe() {
      return lock.describe();
    }

    private <T> T logged(Supplier<T> call) {
      try {
        T t = call.get();
        long n = failures.recovered();
        if (n > 0) {
          LOG.info("lease {} reachable again after {} failure(s)", what, n);
        }
        return t;
      } catch (RuntimeException e) {
        long n = failures.failed();
        if (n > 0) {
          LOG.warn("lease {}: {} ({}); leader election keeps retrying", what, OneLine.withCause(e), n);
        }
        throw e;
      }
    }
  }

  /** Stops competing and releases the lease if held. */
  @Override
  public void close() {
    // stop the elector's loop first, so it cannot take the lease back after the release
    executor.shutdownNow();
    if (running != null) {
      running.cancel(true);
      try {
        executor.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try {
        elector.release();
      } catch (RuntimeException e) {
        LOG.warn("could not release lease {}/{}: {}", namespace, name, OneLine.withCause(e));
      }
    }
  }
}
