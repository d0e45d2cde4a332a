package io.netctl.bgp.calico;

import io.netctl.ipam.BadInputException;
import io.netctl.ipam.RefusedException;
import io.netctl.ipam.store.Compare;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Txn;
import io.netctl.ipam.store.TxnResult;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code bgp apply} would change, computed by {@link BgpPlanner} from a state read at one
 * revision.
 *
 * @param state what was read
 * @param changes the changes, one per object
 * @param refusals why it must not be applied (empty when it may)
 * @param notes what an operator should know that is no change (e.g. a standalone reflector)
 */
public record BgpPlan(CalicoBgpState state, List<Change> changes, List<Refusal> refusals, List<String> notes) {
  public BgpPlan {
    changes = List.copyOf(changes);
    refusals = List.copyOf(refusals);
    notes = List.copyOf(notes);
  }

  public boolean inSync() {
    return changes.isEmpty();
  }

  /**
   * Why the plan cannot be written in one etcd transaction ({@link Txn#MAX_OPS} operations), or
   * null when it can. {@code bgp apply} writes all or nothing, so such a plan is refused before
   * anything is written; with at most {@link BgpTopology#MAX_ROUTE_REFLECTORS} reflectors only
   * stale objects can take it there.
   */
  public String tooLarge() {
    if (changes.size() <= Txn.MAX_OPS) {
      return null;
    }
    long deletes = count("delete");
    return "the plan has " + changes.size() + " changes (" + deletes + " deletes); etcd takes at most " + Txn.MAX_OPS
        + " operations in one transaction and bgp apply writes all or nothing: nothing was written"
        + (deletes > 0 ? "; delete the stale BGPPeers it lists with calicoctl first, then apply" : "");
  }

  public long count(String action) {
    return changes.stream().filter(c -> c.action().equals(action)).count();
  }

  /**
   * The one transaction that carries the plan out, with calicoctl's guards: a create requires the
   * key to be absent (version 0), an update or delete requires the mod revision read. Every other
   * BGP object the checks read (the global configuration, BGPPeers, Nodes) is guarded too, as far
   * as the transaction's size allows, so a concurrent change to any of them fails the whole
   * transaction instead of interleaving with it.
   */
  public Txn txn() {
    Txn.Builder b = Txn.builder();
    Set<String> written = new HashSet<>();
    for (Change c : changes) {
      written.add(c.key());
      if (c instanceof Change.Create create) {
        b.create(create.key(), create.object().toJson());
      } else if (c instanceof Change.Update u) {
        b.update(u.before().kv(), u.object().toJson());
      } else if (c instanceof Change.Delete d) {
        b.delete(d.before().kv());
      }
    }
    int room = Txn.MAX_OPS - changes.size();
    if (state.bgpConfiguration() == null) {
      if (!written.contains(CalicoBgpState.DEFAULT_CONFIG_KEY) && room-- > 0) {
        b.require(Compare.absent(CalicoBgpState.DEFAULT_CONFIG_KEY));
      }
    } else if (!written.contains(state.bgpConfiguration().key()) && room-- > 0) {
      b.require(Compare.unchanged(state.bgpConfiguration().kv()));
    }
    for (List<StoredResource> read : List.of(state.peers(), state.nodes())) {
      for (StoredResource r : read) {
        if (!written.contains(r.key()) && room-- > 0) {
          b.require(Compare.unchanged(r.kv()));
        }
      }
    }
    return b.build();
  }

  /**
   * Writes the plan in one transaction.
   *
   * @return the store's revision after the write (the read revision when there was nothing to write)
   * @throws BadInputException when it does not fit in one transaction ({@link #tooLarge()})
   * @throws RefusedException when the plan has refusals, or the datastore changed since it was
   *     read (nothing was written either way)
   */
  public long apply(KvStore store) {
    if (tooLarge() != null) {
      throw new BadInputException(tooLarge());
    }
    if (!refusals.isEmpty()) {
      throw new RefusedException(RefusedException.Reason.CONFLICT, refusals.stream().map(Refusal::message).collect(Collectors.joining("; ")));
    }
    if (changes.isEmpty()) {
      return state.revision();
    }
    TxnResult r = store.commit(txn());
    if (!r.succeeded()) {
      throw new RefusedException(RefusedException.Reason.CONTENTION,
          "the Calico BGP objects changed in " + store.describe() + " since they were read at revision " + state.revision()
              + ": nothing was written; re-run 'netctl bgp apply'");
    }
    return r.revision();
  }
}
