package io.netctl.e2e.calico;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of libcalico-go's {@code lib/ipam/ipam_block_reader_writer.go} (v3.30.0) both models
 * use, written from it: the host's affine blocks ({@code getAffineBlocks}, which lists the affinity
 * keys) and the release of one affinity ({@code releaseBlockAffinity}).
 */
final class BlockReaderWriter {
  private final CalicoKv kv;

  BlockReaderWriter(CalicoKv kv) {
    this.kv = kv;
  }

  /** How a release ended, as the typed errors Calico's callers switch on. */
  enum Released {
    /** Affinity released; the block deleted (it was empty) or left without affinity. */
    RELEASED,
    /** {@code errBlockNotEmpty}: the block has addresses and the caller required it empty. */
    NOT_EMPTY,
    /** {@code errBlockClaimConflict}: the block is another host's; the stale affinity was deleted. */
    CLAIM_CONFLICT,
    /** {@code ErrorResourceDoesNotExist}: no affinity, or no block (the affinity then stays). */
    DOES_NOT_EXIST
  }

  /** {@code getAffineBlocks}: the CIDR segments ({@code a.b.c.d-len}) of {@code host}'s IPv4 affinity keys. */
  List<String> affineBlocks(String host) {
    List<String> out = new ArrayList<>();
    for (KeyValue a : kv.store().range(CalicoKeys.affinities(host)).kvs()) {
      out.add(a.key().substring(CalicoKeys.affinities(host).length()));
    }
    return out;
  }

  static boolean empty(ObjectNode block) {
    for (JsonNode a : block.path("allocations")) {
      if (!a.isNull()) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code releaseBlockAffinity(affinityCfg, blockCIDR, requireEmpty)}: read the affinity and the
   * block; a block affine elsewhere makes the affinity stale (deleted); a non-empty block is kept
   * when {@code requireEmpty}; otherwise the affinity becomes {@code pendingDeletion}, the block is
   * deleted when empty or loses its affinity, and the affinity is deleted — each step a CAS.
   */
  Released releaseBlockAffinity(String host, String segment, boolean requireEmpty) {
    Optional<KeyValue> aff = kv.get(CalicoKeys.affinities(host) + segment);
    if (aff.isEmpty()) {
      return Released.DOES_NOT_EXIST;
    }
    Optional<KeyValue> blockKv = kv.get(CalicoKeys.BLOCKS_V4 + segment);
    if (blockKv.isEmpty()) {
      return Released.DOES_NOT_EXIST;
    }
    ObjectNode block = CalicoKv.json(blockKv.get());
    JsonNode affinity = block.get("affinity");
    if (affinity != null && !affinity.isNull() && !affinity.asText().equals("host:" + host)) {
      kv.delete(aff.get());
      return Released.CLAIM_CONFLICT;
    }
    if (requireEmpty && !empty(block)) {
      return Released.NOT_EMPTY;
    }
    ObjectNode pendingDeletion = CalicoKv.json(aff.get());
    pendingDeletion.put("state", "pendingDeletion");
    kv.update(aff.get(), pendingDeletion);
    if (empty(block)) {
      kv.delete(blockKv.get());
    } else {
      block.putNull("affinity");
      block.put("sequenceNumber", block.path("sequenceNumber").asLong() + 1);
      kv.update(blockKv.get(), block);
    }
    kv.delete(kv.get(aff.get().key()).orElseThrow());
    return Released.RELEASED;
  }
}
