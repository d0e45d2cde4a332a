package io.netctl.ipam;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.calico.CalicoResource;
import io.netctl.ipam.calico.IpPoolSpec;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Op;
import io.netctl.ipam.store.Range;
import io.netctl.ipam.store.Read;
import io.netctl.ipam.store.StoreException;
import io.netctl.ipam.store.Txn;
import io.netctl.ipam.store.TxnResult;
import io.netctl.ipam.store.WatchEvent;
import io.netctl.ipam.store.WatchListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local mirror of the keys allocation depends on ({@code /netctl/v1/}, IPPools, IPv4 blocks,
 * block affinities, Calico Nodes), kept current by store watches, for long-running allocators (the controller,
 * benchmarks): planning reads the mirror instead of the store, so an uncontended allocation is a
 * single transaction. The mirror may lag; that is safe because every transaction is guarded by
 * compares, and after a failed one the allocator reads the keys it depended on and merges them
 * here. When a watch breaks, the next use re-reads everything and watches again.
 */
public final class IpamReplica implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IpamReplica.class);
  static final List<String> PREFIXES = List.of(NetctlKeys.ROOT, CalicoKeys.IPPOOLS, CalicoKeys.BLOCKS_V4, CalicoKeys.HOSTS, CalicoKeys.NODES);

  private final KvStore store;
  private final ConcurrentSkipListMap<String, KeyValue> kvs = new ConcurrentSkipListMap<>();
  private final Set<String> indexed = ConcurrentHashMap.newKeySet();
  private final Set<String> calicoBlocks = ConcurrentHashMap.newKeySet();
  private final Set<String> netctlPools = ConcurrentHashMap.newKeySet();
  private final Map<String, IpamState.Pool> foreignPools = new ConcurrentHashMap<>();
  private final List<KvStore.Watch> watches = new ArrayList<>();
  private volatile boolean broken = true;
  private volatile long revision;

  public IpamReplica(KvStore store) {
    this.store = store;
  }

  /** What to tell when a Calico Node is created or changed (on the watch's thread): its name. */
  private volatile Consumer<String> calicoNodeListener = name -> { };

  /**
   * Tells {@code listener} the name of every Calico Node the watch sees created or changed: the
   * controller completes a pending allocation when calico-node registers its node.
   */
  public void onCalicoNode(Consumer<String> listener) {
    this.calicoNodeListener = listener;
  }

  /** Reads everything and starts watching, if not yet running or after a broken watch. */
  public synchronized void ensureCurrent() {
    if (!broken) {
      return;
    }
    closeWatches();
    List<Range> all = store.ranges(PREFIXES);
    kvs.clear();
    indexed.clear();
    calicoBlocks.clear();
    netctlPools.clear();
    foreignPools.clear();
    long rev = all.get(0).revision();
    for (Range r : all) {
      r.kvs().forEach(this::put);
    }
    revision = rev;
    broken = false;
    WatchListener listener = new WatchListener() {
      @Override
      public void onEvents(List<WatchEvent> events) {
        for (WatchEvent e : events) {
          if (e.type() == WatchEvent.Type.PUT) {
            KeyValue old = kvs.get(e.key());
            if (old == null || old.modRevision() < e.modRevision()) {
              put(new KeyValue(e.key(), e.value(), old == null ? e.modRevision() : old.createRevision(), e.modRevision(), old == null ? 1 : old.version() + 1));
            }
            if (e.key().startsWith(CalicoKeys.NODES)) {
              calicoNodeListener.accept(e.key().substring(CalicoKeys.NODES.length()));
            }
          } else {
            KeyValue old = kvs.get(e.key());
            if (old != null && old.modRevision() < e.modRevision()) {
              remove(e.key());
            }
          }
          revision = Math.max(revision, e.modRevision());
        }
      }

      @Override
      public void onError(StoreException error) {
        if (!broken) {
          LOG.warn("allocation mirror lost its watch ({}); it will re-read", error.getMessage());
        }
        broken = true;
      }
    };
    for (String p : PREFIXES) {
      watches.add(store.watch(p, rev + 1, listener));
    }
  }

  /** The view for planning {@code node}'s allocation: live, lock-free views of the mirror. */
  AllocationView view(String node, IPv4Address hostIp) {
    ensureCurrent();
    KeyValue rec = kvs.get(NetctlKeys.allocation(node));
    List<MalformedRecord> malformed = new ArrayList<>();
    IpamState.Stored<Allocation> record = rec == null ? null : AllocationView.parsedRecord(rec, node, malformed);
    NavigableMap<String, KeyValue> affs = kvs.subMap(CalicoKeys.affinities(node), true, CalicoKeys.affinities(node) + Character.MAX_VALUE, false);
    return new AllocationView(
        record,
        Collections.unmodifiableSet(indexed),
        Collections.unmodifiableSet(calicoBlocks),
        Collections.unmodifiableSet(netctlPools),
        List.copyOf(foreignPools.values()),
        hostIp == null ? null : kvs.get(NetctlKeys.hostIp(hostIp)),
        new HashMap<>(affs),
        malformed,
        kvs.get(CalicoKeys.node(node)),
        record == null ? null : kvs.get(CalicoKeys.resource("ippools", NetctlKeys.poolName(record.value().cidr()))),
        revision);
  }

  /** After a successful transaction: apply its writes here at once (the watch confirms them later). */
  void committed(Txn txn, TxnResult result) {
    for (Op op : txn.ops()) {
      if (op instanceof Op.Put put) {
        KeyValue old = kvs.get(put.key());
        if (old == null || old.modRevision() < result.revision()) {
          put(new KeyValue(put.key(), put.value(), old == null ? result.revision() : old.createRevision(), result.revision(), old == null ? 1 : old.version() + 1));
        }
      } else {
        KeyValue old = kvs.get(op.key());
        if (old != null && old.modRevision() < result.revision()) {
          remove(op.key());
        }
      }
    }
  }

  /** After a failed transaction: read the keys it was guarded on and merge what is there now. */
  void refresh(Txn failed) {
    List<Read> reads = failed.compares().stream().map(c -> Read.key(c.key())).distinct().toList();
    List<Range> now = store.read(reads);
    for (int i = 0; i < reads.size(); i++) {
      String key = reads.get(i).key();
      if (now.get(i).kvs().isEmpty()) {
        KeyValue old = kvs.get(key);
        if (old != null && old.modRevision() <= now.get(i).revision()) {
          remove(key);
        }
      } else {
        KeyValue fresh = now.get(i).kvs().get(0);
        KeyValue old = kvs.get(key);
        if (old == null || old.modRevision() < fresh.modRevision()) {
          put(fresh);
        }
      }
    }
  }

  /** The full state as of the mirror (for checks), parsed. */
  public IpamState state() {
    ensureCurrent();
    List<KeyValue> netctl = new ArrayList<>(kvs.subMap(NetctlKeys.ROOT, NetctlKeys.ROOT + Character.MAX_VALUE).values());
    List<KeyValue> pools = new ArrayList<>(kvs.subMap(CalicoKeys.IPPOOLS, CalicoKeys.IPPOOLS + Character.MAX_VALUE).values());
    List<KeyValue> blocks = new ArrayList<>(kvs.subMap(CalicoKeys.BLOCKS_V4, CalicoKeys.BLOCKS_V4 + Character.MAX_VALUE).values());
    long rev = revision;
    return IpamState.of(new Range(netctl, rev), new Range(pools, rev), new Range(blocks, rev), null);
  }

  public long revision() {
    return revision;
  }

  private void put(KeyValue kv) {
    kvs.put(kv.key(), kv);
    String k = kv.key();
    if (k.startsWith(NetctlKeys.CIDRS)) {
      indexed.add(AllocationView.segmentToCidr(k.substring(NetctlKeys.CIDRS.length())));
    } else if (k.startsWith(CalicoKeys.BLOCKS_V4)) {
      calicoBlocks.add(AllocationView.segmentToCidr(k.substring(CalicoKeys.BLOCKS_V4.length())));
    } else if (k.startsWith(CalicoKeys.IPPOOLS)) {
      String name = k.substring(CalicoKeys.IPPOOLS.length());
      String cidr = name.startsWith("netctl-") ? AllocationView.cidrFromName(name.substring(7)) : null;
      if (cidr != null) {
        netctlPools.add(cidr);
      } else {
        try {
          CalicoResource res = CalicoResource.parse(kv, null);
          foreignPools.put(k, new IpamState.Pool(kv, res, IpPoolSpec.cidrOf(res.spec())));
        } catch (StoreException e) {
          LOG.warn("ignoring unreadable IPPool {}: {}", k, e.getMessage());
        }
      }
    }
  }

  private void remove(String key) {
    KeyValue old = kvs.remove(key);
    if (old == null) {
      return;
    }
    if (key.startsWith(NetctlKeys.CIDRS)) {
      indexed.remove(AllocationView.segmentToCidr(key.substring(NetctlKeys.CIDRS.length())));
    } else if (key.startsWith(CalicoKeys.BLOCKS_V4)) {
      calicoBlocks.remove(AllocationView.segmentToCidr(key.substring(CalicoKeys.BLOCKS_V4.length())));
    } else if (key.startsWith(CalicoKeys.IPPOOLS)) {
      String name = key.substring(CalicoKeys.IPPOOLS.length());
      String cidr = name.startsWith("netctl-") ? AllocationView.cidrFromName(name.substring(7)) : null;
      if (cidr != null) {
        netctlPools.remove(cidr);
      }
      foreignPools.remove(key);
    }
  }

  private void closeWatches() {
    watches.forEach(KvStore.Watch::close);
    watches.clear();
  }

  @Override
  public synchronized void close() {
    closeWatches();
    broken = true;
  }

  /** True when {@code a} is in the mirror's view of allocated CIDRs (for tests). */
  boolean indexed(IPAddress a) {
    return indexed.contains(a.toCanonicalString());
  }
}
