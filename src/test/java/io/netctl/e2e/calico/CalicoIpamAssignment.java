package io.netctl.e2e.calico;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.netctl.ipam.calico.CalicoJson;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.KeyValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A model of calico-ipam assigning one pod address ({@code AutoAssign} with {@code Num4 = 1}),
 * written from Calico v3.30.0's {@code libcalico-go/lib/ipam/ipam.go}:
 *
 * <ol>
 *   <li>{@code prepareAffinityBlocksForHost}: the host's Calico Node must exist; {@code
 *       determinePools} keeps the enabled pools whose {@code assignmentMode} is Automatic and whose
 *       {@code nodeSelector} matches the Node's labels ({@code pools.go SelectsNode}); none →
 *       "no configured Calico pools for node". The host's affine blocks outside every selecting
 *       pool are released when empty ({@code releaseBlockAffinity(..., true)}).
 *   <li>{@code findOrClaimBlock}: each affine block in a selecting pool through {@code
 *       getBlockFromAffinity} (creating the block of an affinity that has none, confirming an
 *       unconfirmed one, deleting a stale one); else {@code findUsableBlock} (a block CIDR of a
 *       selecting pool that has no block, or one of this host's with room), claimed with a pending
 *       affinity ({@code getPendingAffinity}), the block ({@code claimAffineBlock}) and the
 *       confirmation.
 *   <li>{@code assignFromExistingBlock}: the first free ordinal, its attribute ({@code handle_id}
 *       and the pod's namespace, node, pod, timestamp), the handle's count ({@code incrementHandle}),
 *       the block written back with its sequence number increased.
 * </ol>
 *
 * Simplifications that do not change which block a node with one selecting /27 pool gets: blocks
 * are walked in order rather than by a generator seeded by the host name; no reservations, no
 * block limit, no borrowing from other hosts' blocks (StrictAffinity off only matters when the
 * host's own blocks are full).
 */
final class CalicoIpamAssignment {
  private final CalicoKv kv;
  private final BlockReaderWriter rw;

  CalicoIpamAssignment(CalicoKv kv) {
    this.kv = kv;
    this.rw = new BlockReaderWriter(kv);
  }

  /** An assignment that fails, with Calico's message. */
  static final class Failed extends RuntimeException {
    Failed(String message) {
      super(message);
    }
  }

  /**
   * Assigns one address on {@code host} to pod {@code namespace/pod} under handle {@code
   * k8s-pod-network.<containerId>}.
   *
   * @return the address, e.g. {@code 10.3.240.0}
   * @throws Failed as Calico's assignment would fail
   */
  String assign(String host, String namespace, String pod, String containerId, Instant now) {
    Optional<KeyValue> nodeKv = kv.get(CalicoKeys.node(host));
    if (nodeKv.isEmpty()) {
      throw new Failed("failed to get node for host " + host + ": resource does not exist: Node(" + host + ")");
    }
    Map<String, String> labels = new TreeMap<>();
    CalicoKv.json(nodeKv.get()).path("metadata").path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    List<IPAddress> selecting = new ArrayList<>();
    for (KeyValue p : kv.store().range(CalicoKeys.IPPOOLS).kvs()) {
      JsonNode spec = CalicoKv.json(p).path("spec");
      if (spec.path("disabled").asBoolean(false) || !spec.path("assignmentMode").asText("Automatic").equals("Automatic")) {
        continue;
      }
      if (selects(spec.path("nodeSelector").asText(""), labels)) {
        selecting.add(new IPAddressString(spec.path("cidr").asText()).getAddress());
      }
    }
    if (selecting.isEmpty()) {
      throw new Failed("no configured Calico pools for node " + host);
    }
    String handle = "k8s-pod-network." + containerId;
    List<String> affine = new ArrayList<>();
    for (String segment : rw.affineBlocks(host)) {
      if (selecting.stream().anyMatch(p -> p.contains(cidr(segment)))) {
        affine.add(segment);
      } else {
        rw.releaseBlockAffinity(host, segment, true); // "Released affine block that no longer selects this host"
      }
    }
    for (String segment : affine) {
      Optional<KeyValue> block = blockFromAffinity(host, segment, now);
      if (block.isPresent() && free(CalicoKv.json(block.get())) >= 1) {
        return assignFrom(block.get(), host, namespace, pod, handle, now);
      }
    }
    for (IPAddress pool : selecting) {
      int blockSize = poolBlockSize(pool);
      var blocks = pool.prefixBlockIterator(blockSize);
      while (blocks.hasNext()) {
        IPAddress b = blocks.next();
        String segment = CalicoKeys.cidrSegment(b);
        Optional<KeyValue> existing = kv.get(CalicoKeys.BLOCKS_V4 + segment);
        if (existing.isPresent()) {
          ObjectNode o = CalicoKv.json(existing.get());
          if (!("host:" + host).equals(o.path("affinity").asText("")) || free(o) == 0) {
            continue;
          }
        }
        // getPendingAffinity, then getBlockFromAffinity claims the block and confirms the affinity
        String affKey = CalicoKeys.affinities(host) + segment;
        if (kv.get(affKey).isEmpty()) {
          kv.create(affKey, "{\"state\":\"pending\",\"deleted\":false}");
        }
        Optional<KeyValue> block = blockFromAffinity(host, segment, now);
        if (block.isPresent() && free(CalicoKv.json(block.get())) >= 1) {
          return assignFrom(block.get(), host, namespace, pod, handle, now);
        }
      }
    }
    throw new Failed("no free block for host " + host + " in pools " + selecting);
  }

  /** {@code getBlockFromAffinity}: the block of an affinity, created and confirmed as needed; empty when the affinity was stale. */
  private Optional<KeyValue> blockFromAffinity(String host, String segment, Instant now) {
    KeyValue aff = kv.get(CalicoKeys.affinities(host) + segment).orElseThrow();
    Optional<KeyValue> block = kv.get(CalicoKeys.BLOCKS_V4 + segment);
    if (block.isEmpty()) {
      ObjectNode pending = CalicoKv.json(aff);
      pending.put("state", "pending");
      kv.update(aff, pending);
      kv.create(CalicoKeys.BLOCKS_V4 + segment, io.netctl.ipam.calico.AllocationBlock.fresh(cidr(segment), host, now)); // claimAffineBlock: newBlock
      confirm(host, segment);
      return kv.get(CalicoKeys.BLOCKS_V4 + segment);
    }
    ObjectNode b = CalicoKv.json(block.get());
    if (!("host:" + host).equals(b.path("affinity").asText(""))) {
      kv.delete(aff); // stale affinity
      return Optional.empty();
    }
    String state = CalicoKv.json(aff).path("state").asText("");
    if (!state.equals("confirmed") && !state.isEmpty()) {
      ObjectNode pending = CalicoKv.json(aff);
      pending.put("state", "pending");
      kv.update(aff, pending);
      b.put("sequenceNumber", b.path("sequenceNumber").asLong() + 1);
      kv.update(block.get(), b); // a new revision invalidates other claimers
      confirm(host, segment);
      return kv.get(CalicoKeys.BLOCKS_V4 + segment);
    }
    return block;
  }

  private void confirm(String host, String segment) {
    KeyValue aff = kv.get(CalicoKeys.affinities(host) + segment).orElseThrow();
    ObjectNode confirmed = CalicoKv.json(aff);
    confirmed.put("state", "confirmed");
    kv.update(aff, confirmed);
  }

  /** {@code assignFromExistingBlock} of one address. */
  private String assignFrom(KeyValue blockKv, String host, String namespace, String pod, String handle, Instant now) {
    ObjectNode b = CalicoKv.json(blockKv);
    ArrayNode unallocated = (ArrayNode) b.get("unallocated");
    int ordinal = unallocated.remove(0).asInt();
    ArrayNode attributes = b.path("attributes").isArray() ? (ArrayNode) b.get("attributes") : b.putArray("attributes");
    ObjectNode attr = attributes.addObject();
    attr.put("handle_id", handle);
    attr.putObject("secondary").put("namespace", namespace).put("node", host).put("pod", pod).put("timestamp", now.toString());
    ((ArrayNode) b.get("allocations")).set(ordinal, attributes.size() - 1);
    long seq = b.path("sequenceNumber").asLong();
    ((ObjectNode) b.get("sequenceNumberForAllocation")).put(String.valueOf(ordinal), seq);
    String cidr = b.get("cidr").asText();
    Optional<KeyValue> h = kv.get(CalicoKeys.handle(handle));
    if (h.isEmpty()) {
      ObjectNode nh = CalicoJson.object();
      nh.putObject("block").put(cidr, 1);
      nh.put("deleted", false);
      kv.create(CalicoKeys.handle(handle), nh);
    } else {
      ObjectNode oh = CalicoKv.json(h.get());
      ((ObjectNode) oh.get("block")).put(cidr, oh.path("block").path(cidr).asInt(0) + 1);
      kv.update(h.get(), oh);
    }
    b.put("sequenceNumber", seq + 1);
    kv.update(blockKv, b);
    IPAddress base = new IPAddressString(cidr).getAddress().getLower().withoutPrefixLength();
    return base.increment(ordinal).toCanonicalString();
  }

  private static int free(ObjectNode block) {
    return block.path("unallocated").size();
  }

  private int poolBlockSize(IPAddress pool) {
    for (KeyValue p : kv.store().range(CalicoKeys.IPPOOLS).kvs()) {
      JsonNode spec = CalicoKv.json(p).path("spec");
      if (new IPAddressString(spec.path("cidr").asText()).getAddress().equals(pool)) {
        return spec.path("blockSize").asInt(26);
      }
    }
    return 26;
  }

  private static IPAddress cidr(String segment) {
    int dash = segment.lastIndexOf('-');
    return new IPAddressString(segment.substring(0, dash) + "/" + segment.substring(dash + 1)).getAddress();
  }

  /**
   * Calico's selector on a Node's labels, for the forms the tests use: {@code all()}, an empty
   * selector, {@code k == 'v'}, {@code has(k)}, joined by {@code &&} (written here, not netctl's
   * own evaluator, so that a fault there shows).
   */
  static boolean selects(String selector, Map<String, String> labels) {
    String s = selector.strip();
    if (s.isEmpty() || s.equals("all()")) {
      return true;
    }
    for (String term : s.split("&&")) {
      String t = term.strip();
      java.util.regex.Matcher eq = java.util.regex.Pattern.compile("([\\w./-]+)\\s*==\\s*'([^']*)'").matcher(t);
      java.util.regex.Matcher has = java.util.regex.Pattern.compile("has\\(([\\w./-]+)\\)").matcher(t);
      if (eq.matches()) {
        if (!eq.group(2).equals(labels.get(eq.group(1)))) {
          return false;
        }
      } else if (has.matches()) {
        if (!labels.containsKey(has.group(1))) {
          return false;
        }
      } else if (!t.equals("all()")) {
        throw new IllegalArgumentException("selector form the model does not evaluate: " + t);
      }
    }
    return true;
  }
}
