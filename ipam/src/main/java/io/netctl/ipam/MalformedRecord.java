package io.netctl.ipam;

import io.netctl.ipam.store.KeyValue;
import java.util.Objects;

/**
 * A key in the datastore whose value netctl cannot read (not JSON, another shape, a name that is
 * no CIDR), written by hand or by another tool. Readers pass over it and keep it here, so one bad
 * key never stops the rest: the validator reports it ({@code record-malformed}), the allocator
 * treats its pool as unavailable, and {@code release --force} removes it.
 *
 * @param kv the key as stored (its mod revision guards a forced delete)
 * @param owner the node it belongs to, where known (from its key or netctl's indexes); null otherwise
 * @param cidr the pool it concerns (canonical CIDR), where known; null otherwise
 * @param problem why it cannot be read, one line
 */
public record MalformedRecord(KeyValue kv, String owner, String cidr, String problem) {
  public MalformedRecord {
    Objects.requireNonNull(kv, "kv");
    Objects.requireNonNull(problem, "problem");
  }

  public String key() {
    return kv.key();
  }

  /** The same record with the owner and pool found elsewhere (netctl's indexes), where it had none. */
  public MalformedRecord withOwner(String node, String pool) {
    return new MalformedRecord(kv, owner != null ? owner : node, cidr != null ? cidr : pool, problem);
  }

  /** A malformed record from the error that reading {@code kv} raised; the problem without the key (it is the subject). */
  public static MalformedRecord of(KeyValue kv, String owner, String cidr, Throwable error) {
    String m = OneLine.of(error);
    String k = kv.key();
    if (m.startsWith("value of " + k + " ")) {
      m = "the value " + m.substring(("value of " + k + " ").length());
    } else if (m.startsWith("allocation record " + k + " is malformed: ")) {
      m = m.substring(("allocation record " + k + " is malformed: ").length());
    } else {
      m = m.replace(k, "it");
    }
    return new MalformedRecord(kv, owner, cidr, m);
  }

  /** {@code problem (node node-a, pool 10.3.240.0/27)}: what is wrong and whose it is, without the key. */
  public String detail() {
    String where = owner == null && cidr == null ? ""
        : " (" + (owner == null ? "" : "node " + owner) + (owner != null && cidr != null ? ", " : "") + (cidr == null ? "" : "pool " + cidr) + ")";
    return problem + where;
  }

  /** {@code KEY: problem (node node-a, pool 10.3.240.0/27)}. */
  public String describe() {
    return key() + ": " + detail();
  }
}
