package io.netctl.ipam.store;

import java.util.List;

/** Receives the changes under a watched prefix, in revision order. */
public interface WatchListener {

  /** Events of one or more revisions, oldest first. */
  void onEvents(List<WatchEvent> events);

  /**
   * The watch broke (store unreachable, history compacted). The watch is over; a caller that
   * wants to go on re-reads the prefix and watches again.
   */
  void onError(StoreException error);
}
