package io.netctl.cli.controller;

import io.netctl.ipam.Allocation;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.RefusedException;
import io.netctl.ipam.UnreachableException;
import io.netctl.ipam.store.StoreException;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.nodes.NodeFindings;
import io.netctl.validator.nodes.NodeFindings.AllocationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, from Node events and full Node lists, what the allocations must do, and does it through
 * the same {@link Allocator} as {@code netctl allocate}: a Node with an InternalIP gets a pool with
 * that host IP, pending until calico-node registers its Calico Node and completed when it does
 * ({@link #calicoNodeChanged}); a changed InternalIP replaces the host IP; a deleted Node's pool is released only
 * after the grace period, only when the API server confirms the Node is still absent, and never
 * while Calico's block has addresses in use (that is a finding). Time comes from the injected
 * clock; {@link #tick()} acts on what is due. Not thread-safe: the {@link Controller} calls it from
 * one thread. Writes happen only while {@code leader} says so, checked before each one.
 */
public final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  static final Duration RETRY_MIN = Duration.ofSeconds(5);
  static final Duration RETRY_MAX = Duration.ofMinutes(5);
  static final Duration IN_USE_RECHECK = Duration.ofMinutes(1);

  private final Allocator allocator;
  private final NodeDirectory directory;
  private final Clock clock;
  private final Duration grace;
  private final boolean annotate;
  private final BooleanSupplier leader;
  private final ReconcileCounters counters;

  /** Nodes as last seen, by name. */
  private final Map<String, NodeInfo> nodes = new HashMap<>();
  /** Deleted Nodes with an allocation: when their pool may be released. */
  private final Map<String, Instant> releaseAt = new HashMap<>();
  /** Nodes whose allocation failed: when to try again, and the current back-off. */
  private final Map<String, Instant> retryAt = new HashMap<>();
  private final Map<String, Duration> backoff = new HashMap<>();
  /** Current findings, by code and subject (read by the drift loop's thread). */
  private final Map<String, Finding> findings = new ConcurrentHashMap<>();

  public Reconciler(Allocator allocator, NodeDirectory directory, Clock clock, Duration grace, boolean annotate,
      BooleanSupplier leader, ReconcileCounters counters) {
    this.allocator = allocator;
    this.directory = directory;
    this.clock = clock;
    this.grace = grace;
    this.annotate = annotate;
    this.leader = leader;
    this.counters = counters;
  }

  // ---- events ------------------------------------------------------------------------------

  /** A Node was added or changed. */
  public void upsert(NodeInfo n) {
    nodes.put(n.name(), n);
    if (releaseAt.remove(n.name()) != null) {
      LOG.info("node {} is back within its release grace period; it keeps its pool", n.name());
    }
    clear(Code.ALLOCATION_WITHOUT_NODE, n.name());
    clear(Code.NODE_GONE_POOL_IN_USE, n.name());
    if (n.skip()) {
      clearNode(n.name());
      return;
    }
    if (leader.getAsBoolean()) {
      allocate(n);
    }
  }

  /**
   * calico-node registered or changed the Calico Node {@code name}: a managed Node's allocation is
   * completed (IPAM block, affinity, the Calico Node's pool label) or its label put back, through
   * the same allocate as always; nothing is written when all is in place.
   */
  public void calicoNodeChanged(String name) {
    NodeInfo n = nodes.get(name);
    if (n == null || n.skip() || !leader.getAsBoolean()) {
      return;
    }
    allocate(n);
  }

  /** A Node was deleted: its pool is released after the grace period, if it is still gone then. */
  public void deleted(String node) {
    nodes.remove(node);
    clearNode(node);
    if (!leader.getAsBoolean()) {
      return;
    }
    try {
      allocator.show(node).ifPresent(this::scheduleRelease);
    } catch (StoreException | UnreachableException e) {
      LOG.warn("node {} deleted, but its allocation could not be read ({}); the next resync looks again", node, e.getMessage());
    } catch (BadInputException e) {
      LOG.debug("node {} deleted; its name is no netctl node name: {}", node, e.getMessage());
    }
  }

  /**
   * The full list of managed Nodes (on start, on becoming leader, every resync): allocates for
   * every Node, and schedules the release of allocations whose Node is gone, after asking the API
   * server about each one (with a node selector, a Node outside it still exists).
   */
  public void resync(List<NodeInfo> all) {
    if (!leader.getAsBoolean()) {
      return;
    }
    Set<String> listed = new HashSet<>();
    for (NodeInfo n : all) {
      listed.add(n.name());
    }
    for (String gone : new ArrayList<>(nodes.keySet())) {
      if (!listed.contains(gone)) {
        nodes.remove(gone);
        clearNode(gone);
      }
    }
    for (NodeInfo n : all) {
      upsert(n);
    }
    List<Allocation> allocations;
    try {
      allocations = allocator.list();
    } catch (StoreException | UnreachableException e) {
      LOG.warn("resync could not list the allocations: {}; retrying at the next resync", e.getMessage());
      return;
    }
    Set<String> allocated = new HashSet<>();
    for (Allocation a : allocations) {
      allocated.add(a.node());
      if (listed.contains(a.node()) || releaseAt.containsKey(a.node())) {
        continue;
      }
      NodeDirectory.Presence p = directory.presence(a.node());
      if (p == NodeDirectory.Presence.ABSENT) {
        scheduleRelease(a);
      } else if (p == NodeDirectory.Presence.UNKNOWN) {
        LOG.warn("allocation of {} has no managed Node and the API server could not say whether the Node exists; left alone", a.node());
      }
    }
    releaseAt.keySet().removeIf(node -> {
      if (!allocated.contains(node)) {
        clear(Code.ALLOCATION_WITHOUT_NODE, node);
        clear(Code.NODE_GONE_POOL_IN_USE, node);
        return true;
      }
      return false;
    });
  }

  /** Does what is due: releases after the grace period, retries of failed allocations. */
  public void tick() {
    try {
      tickOnce();
    } finally {
      counters.tick();
    }
  }

  private void tickOnce() {
    if (!leader.getAsBoolean()) {
      return;
    }
    Instant now = clock.instant();
    for (Map.Entry<String, Instant> e : new ArrayList<>(releaseAt.entrySet())) {
      if (!e.getValue().isAfter(now) && leader.getAsBoolean()) {
        releaseIfGone(e.getKey(), now);
      }
    }
    for (Map.Entry<String, Instant> e : new ArrayList<>(retryAt.entrySet())) {
      NodeInfo n = nodes.get(e.getKey());
      if (n == null) {
        retryAt.remove(e.getKey());
      } else if (!e.getValue().isAfter(now) && leader.getAsBoolean()) {
        allocate(n);
      }
    }
  }

  // ---- what the controller shows -------------------------------------------------------------

  public List<Finding> findings() {
    return List.copyOf(findings.values());
  }

  /** Deleted Nodes whose pool waits for release, and when. */
  public Map<String, Instant> pendingReleases() {
    return Map.copyOf(releaseAt);
  }

  // ---- allocate ------------------------------------------------------------------------------

  private void allocate(NodeInfo n) {
    String node = n.name();
    try {
      Allocator.AllocationResult r = allocator.allocate(node, n.internalIp(), true);
      done(node);
      clear(Code.NODE_WITHOUT_ALLOCATION, node);
      clear(Code.NODE_HOST_IP_CONFLICT, node);
      counters.allocation(r.outcome().name().toLowerCase(java.util.Locale.ROOT));
      logOutcome(r);
      statusFindings(n, r.allocation());
      annotate(n, r.allocation());
    } catch (RefusedException e) {
      if (n.internalIp() != null && e.reason() == RefusedException.Reason.HOST_IP_TAKEN) {
        hostIpConflict(n, e);
        return;
      }
      counters.allocation("refused");
      put(NodeFindings.nodeWithoutAllocation(node, AllocationFailure.REFUSED, e.getMessage()));
      failed(node, "refused: " + e.getMessage());
    } catch (StoreException | UnreachableException e) {
      counters.allocation("failed");
      put(NodeFindings.nodeWithoutAllocation(node, AllocationFailure.DATASTORE, e.getMessage()));
      failed(node, "datastore: " + e.getMessage());
    } catch (BadInputException e) {
      counters.allocation("refused");
      put(NodeFindings.nodeWithoutAllocation(node, AllocationFailure.BAD_INPUT, e.getMessage()));
      LOG.warn("node {} cannot be allocated: {}", node, e.getMessage());
    }
  }

  /** The InternalIP is some other allocation's host IP: give the Node its pool without a host IP, report, retry. */
  private void hostIpConflict(NodeInfo n, RefusedException e) {
    put(NodeFindings.nodeHostIpConflict(n.name(), n.internalIp(), e));
    try {
      Allocator.AllocationResult r = allocator.allocate(n.name(), null, false);
      counters.allocation(r.outcome().name().toLowerCase(java.util.Locale.ROOT));
      clear(Code.NODE_WITHOUT_ALLOCATION, n.name());
      annotate(n, r.allocation());
    } catch (RuntimeException again) {
      counters.allocation("failed");
      put(NodeFindings.nodeWithoutAllocation(n.name(), AllocationFailure.WITHOUT_HOST_IP, again.getMessage()));
    }
    failed(n.name(), "host IP conflict: " + e.getMessage());
  }

  private void logOutcome(Allocator.AllocationResult r) {
    Allocation a = r.allocation();
    switch (r.outcome()) {
      case CREATED -> LOG.info("allocated {} to node {} (host IP {})", a.cidrText(), a.node(), a.hostIp() == null ? "none" : a.hostIpText());
      case HOST_IP_SET -> LOG.info("node {} ({}): host IP {} recorded", a.node(), a.cidrText(), a.hostIpText());
      case HOST_IP_UPDATED -> LOG.info("node {} ({}): host IP changed to {}", a.node(), a.cidrText(), a.hostIpText());
      case EXISTING -> LOG.debug("node {} already has {}", a.node(), a.cidrText());
      case COMPLETED -> LOG.info("node {} ({}): completed in Calico now that its Calico Node exists (block, affinity, pool label)", a.node(), a.cidrText());
    }
    if (r.pending() && r.outcome() == Allocator.Outcome.CREATED) {
      LOG.info("node {} ({}): pending until calico-node registers its Calico Node", a.node(), a.cidrText());
    }
  }

  /** What the Node's status says about its pool: no InternalIP (no host IP), more pods than addresses. */
  private void statusFindings(NodeInfo n, Allocation a) {
    if (n.internalIp() == null) {
      if (put(NodeFindings.nodeWithoutInternalIp(n.name(), a.cidr()))) {
        LOG.warn("node {} reports no InternalIP: its pool {} has no host IP until it does", n.name(), a.cidrText());
      }
    } else {
      clear(Code.NODE_WITHOUT_INTERNAL_IP, n.name());
    }
    NodeFindings.maxPodsExceedsPool(n.name(), n.podCapacity(), a.cidr()).ifPresentOrElse(f -> {
      if (put(f)) {
        LOG.warn("node {} may run {} pods; its pool {} has {} addresses", n.name(), n.podCapacity(), a.cidrText(), a.cidr().getCount());
      }
    }, () -> clear(Code.NODE_MAXPODS_EXCEEDS_POOL, n.name()));
  }

  private void annotate(NodeInfo n, Allocation a) {
    if (annotate && !a.cidrText().equals(n.annotatedPool()) && leader.getAsBoolean()) {
      directory.annotate(n.name(), a.cidrText());
      nodes.put(n.name(), new NodeInfo(n.name(), n.internalIp(), n.skip(), a.cidrText()));
    }
  }

  private void failed(String node, String why) {
    Duration next = backoff.containsKey(node) ? java.util.Collections.min(List.of(backoff.get(node).multipliedBy(2), RETRY_MAX)) : RETRY_MIN;
    if (!backoff.containsKey(node)) {
      LOG.warn("node {} has no pool: {}; retrying with back-off", node, why);
    }
    backoff.put(node, next);
    retryAt.put(node, clock.instant().plus(next));
  }

  private void done(String node) {
    retryAt.remove(node);
    backoff.remove(node);
  }

  // ---- release -------------------------------------------------------------------------------

  private void scheduleRelease(Allocation a) {
    Instant at = clock.instant().plus(grace);
    releaseAt.put(a.node(), at);
    put(NodeFindings.allocationWithoutNode(a, at));
    LOG.info("node {} is gone; its pool {} is released at {} unless it comes back", a.node(), a.cidrText(), at);
  }

  private void releaseIfGone(String node, Instant now) {
    NodeDirectory.Presence p = directory.presence(node);
    if (p == NodeDirectory.Presence.PRESENT) {
      releaseAt.remove(node);
      clear(Code.ALLOCATION_WITHOUT_NODE, node);
      clear(Code.NODE_GONE_POOL_IN_USE, node);
      counters.release("node_present");
      LOG.info("node {} exists again; its pool is kept", node);
      return;
    }
    if (p == NodeDirectory.Presence.UNKNOWN) {
      releaseAt.put(node, now.plus(RETRY_MIN));
      counters.release("failed");
      LOG.warn("the API server could not confirm that node {} is gone; its pool is not released yet", node);
      return;
    }
    try {
      Allocator.ReleaseResult r = allocator.release(node, false);
      releaseAt.remove(node);
      clear(Code.ALLOCATION_WITHOUT_NODE, node);
      clear(Code.NODE_GONE_POOL_IN_USE, node);
      counters.release("released");
      LOG.info("released {} of deleted node {} ({} keys)", r.released().cidrText(), node, r.deletedKeys().size());
    } catch (RefusedException e) {
      switch (e.reason()) {
        case BLOCK_IN_USE -> {
          releaseAt.put(node, now.plus(IN_USE_RECHECK));
          counters.release("in_use");
          if (put(NodeFindings.nodeGonePoolInUse(node, e))) {
            LOG.warn("not releasing the pool of deleted node {}: {}", node, e.getMessage());
          }
        }
        case NO_ALLOCATION -> {
          releaseAt.remove(node);
          clear(Code.ALLOCATION_WITHOUT_NODE, node);
          counters.release("already_released");
          LOG.info("pool of deleted node {} is already gone: {}", node, e.getMessage());
        }
        case CONTENTION -> {
          // other writers changed the keys under every attempt: nothing was released, so it stays due
          releaseAt.put(node, now.plus(RETRY_MIN));
          counters.release("contention");
          LOG.warn("releasing the pool of deleted node {} lost to contention ({}); it stays pending and is retried", node, e.getMessage());
        }
        default -> {
          // no other refusal comes from a release; should one appear, keep the release rather than forget it
          releaseAt.put(node, now.plus(RETRY_MIN));
          counters.release("failed");
          LOG.warn("releasing the pool of deleted node {} was refused: {}; retrying", node, e.getMessage());
        }
      }
    } catch (StoreException | UnreachableException e) {
      releaseAt.put(node, now.plus(RETRY_MIN));
      counters.release("failed");
      LOG.warn("releasing the pool of deleted node {} failed: {}; retrying", node, e.getMessage());
    }
  }

  // ---- findings ------------------------------------------------------------------------------

  /** Records a finding; true when it is new (or changed). */
  private boolean put(Finding f) {
    Finding old = findings.put(f.code().name() + " " + f.subject(), f);
    return old == null || !old.equals(f);
  }

  private void clear(Code code, String subject) {
    findings.remove(code.name() + " " + subject);
  }

  /** Forgets what is about a Node that exists (or existed): not the findings about its leftover pool. */
  private void clearNode(String node) {
    clear(Code.NODE_WITHOUT_ALLOCATION, node);
    clear(Code.NODE_WITHOUT_INTERNAL_IP, node);
    clear(Code.NODE_HOST_IP_CONFLICT, node);
    clear(Code.NODE_MAXPODS_EXCEEDS_POOL, node);
    retryAt.remove(node);
    backoff.remove(node);
  }
}
