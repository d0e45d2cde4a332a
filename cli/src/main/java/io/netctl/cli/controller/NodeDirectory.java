package io.netctl.cli.controller;

import java.util.List;

/** The cluster's Nodes as the API server has them now (not a cache): the last word before a release. */
public interface NodeDirectory {
  /** Whether a Node exists. */
  enum Presence {
    PRESENT,
    ABSENT,
    /** The API server could not say (unreachable, refused): never release on this. */
    UNKNOWN
  }

  /** Looks the Node up by name, ignoring any node selector. */
  Presence presence(String node);

  /**
   * Every Node the controller manages (the selected ones), listed from the API server.
   *
   * @throws io.netctl.ipam.UnreachableException when the list cannot be had
   */
  List<NodeInfo> list();

  /** Writes {@code netctl.io/pool} on the Node; a failure is logged, not thrown. */
  void annotate(String node, String pool);
}
