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
import io.netctl.cli.controller.LeaderFence;
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
 *
 * <p>The elector's lock tells the controller's {@link LeaderFence} when each renewal was
 * attempted and that it succeeded, so writing stops at the renew deadline even while a request to
 * an unreachable API server hangs (the elector itself notices only when the request gives up). An
 * elector that lost the lease ends; this class starts another, so the replica competes again as a
 * standby.
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
  private Controller controller;
  private Duration leaseDuration;
  private LeaderElector elector;
  private CompletableFuture<?> running;
  private boolean closed;

  public LeaseElection(KubernetesClient client, String namespace, String name, String identity) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.identity = identity;
  }

  /** Starts competing for the lease; {@code controller} leads while this replica holds it and its fence allows. */
  public synchronized void start(Controller controller, Duration leaseDuration) {
    this.controller = controller;
    this.leaseDuration = leaseDuration;
    describeHolder();
    compete();
  }

  /** One elector: acquires the lease, renews it until it cannot, then ends; another follows unless closed. */
  private synchronized void compete() {
    if (closed) {
      return;
    }
    Duration retry = leaseDuration.dividedBy(5).isZero() ? Duration.ofMillis(200) : leaseDuration.dividedBy(5);
    LeaderElector e = new LeaderElector(client, new LeaderElectionConfigBuilder()
        .withName(name)
        .withLock(new FencedLock(new LoggedLock(new LeaseLock(namespace, name, identity), namespace + "/" + name), controller.fence()))
        .withLeaseDuration(leaseDuration)
        .withRenewDeadline(LeaderFence.renewDeadline(leaseDuration))
        .withRetryPeriod(retry)
        .withReleaseOnCancel(true)
        .withLeaderCallbacks(new LeaderCallbacks(
            controller::startLeading,
            controller::stopLeading,
            holder -> LOG.info("lease {}/{} is held by {}", namespace, name, holder)))
        .build(), executor);
    elector = e;
    running = e.start();
    running.whenComplete((v, t) -> {
      synchronized (this) {
        if (!closed && elector == e) {
          LOG.warn("{}: lost the lease {}/{}; competing for it again", identity, namespace, name);
          executor.execute(this::compete);
        }
      }
    });
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
    CompletableFuture<?> running;
    LeaderElector elector;
    synchronized (this) {
      closed = true;
      running = this.running;
      elector = this.elector;
    }
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

  /**
   * The Lease lock, reporting to the fence: a read of the lease starts an attempt (fabric8 reads
   * before every acquire or renew, right after taking the renew time); a write of this replica as
   * holder that succeeded allows writing until the attempt's time plus the renew deadline; a
   * write of anyone else (a release) stops it.
   */
  private static final class FencedLock implements Lock {
    private final Lock lease;
    private final LeaderFence fence;
    private volatile Long attempt;

    FencedLock(Lock lease, LeaderFence fence) {
      this.lease = lease;
      this.fence = fence;
    }

    @Override
    public LeaderElectionRecord get(KubernetesClient c) {
      attempt = fence.now();
      return lease.get(c);
    }

    @Override
    public void create(KubernetesClient c, LeaderElectionRecord r) {
      Long started = attempt;
      lease.create(c, r);
      wrote(r, started);
    }

    @Override
    public void update(KubernetesClient c, LeaderElectionRecord r) {
      Long started = attempt;
      lease.update(c, r);
      wrote(r, started);
    }

    private void wrote(LeaderElectionRecord r, Long started) {
      if (fence.identity().equals(r.getHolderIdentity()) && started != null) {
        fence.renewed(started);
      } else {
        fence.holding(false);
      }
    }

    @Override
    public String identity() {
      return lease.identity();
    }

    @Override
    public String describe() {
      return lease.describe();
    }
  }
}
