package io.netctl.validator;

/**
 * Every finding code, with its check, severity, meaning, typical cause and fix. The README's
 * findings table is generated from this enum ({@code netctl check --list-codes}); codes are stable:
 * add new ones, never rename or reuse one.
 */
public enum Code {
  // ---- configuration: IPAM ----------------------------------------------------------------------
  POOL_MISSING(CheckKind.CONFIG, Severity.ERROR,
      "an allocation has no IPPool",
      "the IPPool was deleted by hand or by calicoctl",
      "re-create it: netctl release NODE && netctl allocate NODE --host-ip IP (the node gets its lowest free pool), or restore the IPPool"),
  POOL_MISMATCH(CheckKind.CONFIG, Severity.ERROR,
      "an allocation's IPPool differs from what netctl allocate writes (cidr, blockSize, nodeSelector, ipip/vxlan mode, disabled)",
      "the IPPool was edited by hand",
      "restore the IPPool's spec as shown under expected"),
  BLOCK_MISSING(CheckKind.CONFIG, Severity.ERROR,
      "an allocation has no Calico IPAM block",
      "the block was deleted (calicoctl ipam release, a cleanup script)",
      "re-allocate the node (release and allocate) or restore the block"),
  BLOCK_AFFINITY_WRONG(CheckKind.CONFIG, Severity.ERROR,
      "an allocation's IPAM block is affine to another host or to none",
      "Calico IPAM reassigned the block, or it was edited",
      "check which node uses the addresses in the block; re-allocate"),
  AFFINITY_MISSING(CheckKind.CONFIG, Severity.ERROR,
      "an allocation has no confirmed block affinity, so calico-node's BIRD does not export its pool",
      "the affinity was deleted, or is still pending",
      "re-allocate the node, or set the affinity to {\"state\":\"confirmed\"}"),
  ORPHAN_POOL(CheckKind.CONFIG, Severity.ERROR,
      "an IPPool inside the managed ranges has no allocation (a leaked pool)",
      "a node was removed by hand, or the IPPool was created outside netctl",
      "release it with calicoctl delete ippool NAME after checking no pod uses it, or allocate it to its node"),
  ORPHAN_BLOCK(CheckKind.CONFIG, Severity.ERROR,
      "a Calico IPAM block inside the managed ranges has no allocation",
      "a pool was deleted without its block, or Calico allocated from a foreign pool",
      "check the block's allocations; delete it when empty"),
  ORPHAN_AFFINITY(CheckKind.CONFIG, Severity.ERROR,
      "a block affinity inside the managed ranges has no allocation for its host",
      "left behind by a manual cleanup",
      "delete the affinity key"),
  INDEX_INCONSISTENT(CheckKind.CONFIG, Severity.ERROR,
      "netctl's own indexes disagree with its allocation records",
      "keys under /netctl/v1/ edited by hand",
      "restore from a snapshot, or re-allocate the node"),
  POOL_OVERLAP(CheckKind.CONFIG, Severity.ERROR,
      "two IPPools overlap",
      "an IPPool created by hand over an allocated one",
      "delete the one that is not netctl's"),
  POOL_SHAPE(CheckKind.CONFIG, Severity.ERROR,
      "an IPPool inside the managed ranges is not an aligned pool of the configured block size",
      "created by hand with another size",
      "replace it with per-host pools through netctl allocate"),
  POOL_OUTSIDE_RANGES(CheckKind.CONFIG, Severity.ERROR,
      "an allocation lies outside the configured ranges",
      "the ranges in netctl.yaml were changed while allocations remain",
      "release and re-allocate the node, or restore the range"),
  HOST_IP_MISSING(CheckKind.CONFIG, Severity.WARNING,
      "an allocation has no host IP, so directors cannot route to its pool",
      "allocated without --host-ip",
      "netctl allocate NODE --host-ip IP"),
  HOST_IP_DUPLICATE(CheckKind.CONFIG, Severity.ERROR,
      "two allocations have the same host IP",
      "a host IP recorded by hand",
      "fix the host IPs with netctl allocate NODE --host-ip IP --update-host-ip"),
  HOST_IP_IN_RANGES(CheckKind.CONFIG, Severity.ERROR,
      "a host IP lies inside the container ranges",
      "the ranges were changed, or a record edited",
      "record the node's real IP with --update-host-ip"),
  HOST_IP_INFRASTRUCTURE(CheckKind.CONFIG, Severity.ERROR,
      "a host IP is the IP of a director, route reflector, core switch or monitor in netctl.yaml: directors would route the pool to that device",
      "a typo in --host-ip, a record edited by hand, or netctl.yaml changed to an IP a node already has",
      "record the node's real IP with netctl allocate NODE --host-ip IP --update-host-ip, or fix netctl.yaml"),
  FOREIGN_POOL(CheckKind.CONFIG, Severity.WARNING,
      "an IPPool outside the managed ranges: nodes may take addresses from it that no director routes",
      "Calico's default pool, or a pool created by hand",
      "delete it, or disable it (spec.disabled: true) if nothing uses it"),
  RANGES_INVALID(CheckKind.CONFIG, Severity.ERROR,
      "the configured ranges are invalid (overlapping, misaligned, smaller than a pool)",
      "a change to the ranges",
      "fix the ranges"),
  CHANGE_REFUSED(CheckKind.CONFIG, Severity.ERROR,
      "a step of the change would be refused by netctl (shown in observed)",
      "releasing a pool in use, an unknown node or route reflector, a host IP already taken",
      "fix the change file"),
  AS_CHANGED(CheckKind.CONFIG, Severity.WARNING,
      "the change sets another AS number: every BGP session of every node resets",
      "setAsNumber in the change",
      "plan a maintenance window; make sure no object keeps the old AS"),
  RANGES_EXHAUSTED(CheckKind.CONFIG, Severity.ERROR,
      "more nodes than pools: an allocation would fail",
      "the change allocates past the ranges",
      "add a range (setRanges) or release unused pools"),
  // ---- configuration: BGP -----------------------------------------------------------------------
  AS_NOT_UNIFORM(CheckKind.CONFIG, Severity.ERROR,
      "an AS number differs from the global one (BGPConfiguration, a BGPPeer or a Node): iBGP routes are silently lost",
      "a node fell back to another AS, or a peer was typed by hand",
      "set every asNumber to the global AS (netctl bgp apply fixes netctl's objects)"),
  MESH_ON(CheckKind.CONFIG, Severity.ERROR,
      "the node-to-node mesh is on (or BGPConfiguration default is missing, which means on) while route reflectors are configured",
      "BGPConfiguration default missing or edited",
      "netctl bgp apply"),
  RR_PEER_MISSING(CheckKind.CONFIG, Severity.ERROR,
      "a route reflector has no global BGPPeer, so nodes do not peer with it",
      "the BGPPeer was deleted or never applied",
      "netctl bgp apply"),
  PEER_UNKNOWN(CheckKind.CONFIG, Severity.ERROR,
      "a BGPPeer points at an IP that is no route reflector or core switch",
      "a leftover peer of a removed route reflector, or a typo",
      "delete the BGPPeer, or add the route reflector to netctl.yaml"),
  PEER_NOT_GLOBAL(CheckKind.CONFIG, Severity.WARNING,
      "a route reflector's BGPPeer has a node or nodeSelector, so not every node peers with it",
      "created by hand",
      "netctl bgp apply writes it as a global peer"),
  NO_ROUTE_REFLECTOR(CheckKind.CONFIG, Severity.ERROR,
      "no route reflector is configured while the mesh is off: nodes exchange no routes",
      "the last route reflector was removed",
      "keep at least one route reflector (two for redundancy)"),
  PEER_TO_SELF(CheckKind.CONFIG, Severity.ERROR,
      "a BGPPeer makes a node peer with itself",
      "a node-specific peer pointing at the node's own IP",
      "delete the BGPPeer"),
  RR_NODE_IP_MISMATCH(CheckKind.CONFIG, Severity.ERROR,
      "a route reflector's Calico Node has another IP than netctl.yaml gives it",
      "the reflector was renumbered in one place only",
      "fix netctl.yaml or the Node's spec.bgp.ipv4Address"),
  BGP_DRIFT(CheckKind.CONFIG, Severity.WARNING,
      "Calico's BGP configuration differs from what netctl.yaml says (netctl bgp plan is not empty)",
      "netctl.yaml changed without netctl bgp apply, or objects were edited by hand",
      "review netctl bgp plan, then netctl bgp apply"),
  RR_IP_IN_POOL(CheckKind.CONFIG, Severity.ERROR,
      "a route reflector's IP lies inside a pool",
      "a typo in netctl.yaml",
      "fix the route reflector's IP"),
  // ---- configuration: the datastore's records ---------------------------------------------------
  RECORD_MALFORMED(CheckKind.CONFIG, Severity.ERROR,
      "a record in the datastore cannot be read (not JSON, another kind, a key that names no CIDR): netctl passes over it, treats its pool as unavailable and never overwrites it",
      "a record written by hand or by another tool, or a truncated write",
      "restore it from a snapshot, or delete it (for a node's allocation: netctl release NODE --force)"),
  // ---- sessions ---------------------------------------------------------------------------------
  SESSION_MISSING(CheckKind.SESSIONS, Severity.ERROR,
      "an expected BGP session (port 179) does not exist",
      "BIRD down on the node or RR, a firewall, a wrong peer IP or AS",
      "look at the node's bird log and at netctl check --bird-socket on the node"),
  SESSION_NOT_ESTABLISHED(CheckKind.SESSIONS, Severity.ERROR,
      "a BGP session exists but is not Established (state and last error shown)",
      "AS mismatch, password mismatch, hold timer expiry, peer refusing",
      "read the last error; check AS numbers and passwords on both sides"),
  SESSION_UNEXPECTED(CheckKind.SESSIONS, Severity.WARNING,
      "a BGP session with a peer that the topology does not know",
      "a leftover peer, or a host not in the allocations",
      "remove the peer, or allocate the host"),
  SESSION_FLAPPING(CheckKind.SESSIONS, Severity.WARNING,
      "a BGP session changed state during the check",
      "an unstable link, hold timer expiry, a restarting daemon",
      "look at the peer's logs and the link"),
  MONITOR_FAILED(CheckKind.SESSIONS, Severity.ERROR,
      "netctl's monitor session to a route reflector could not be established",
      "the RR does not accept netctl as a peer (not configured, wrong AS or password), or is down",
      "add netctl's address as a peer on the RR (bgp render-rr does), check AS and password"),
  // ---- routes -----------------------------------------------------------------------------------
  ROUTE_MISSING(CheckKind.ROUTES, Severity.ERROR,
      "an allocation's pool is not in a route reflector's table (or a kernel table)",
      "BIRD down on the node, the affinity not confirmed, the session down",
      "check the node's BIRD and its session to the RR"),
  ROUTE_WRONG_NEXT_HOP(CheckKind.ROUTES, Severity.ERROR,
      "a pool's route points at another host than the one it is allocated to",
      "two nodes announce the pool, or the host IP is wrong",
      "find the node announcing it; fix the host IP"),
  ROUTE_STRAY(CheckKind.ROUTES, Severity.ERROR,
      "a prefix inside the managed ranges that no allocation explains (more-specific, unallocated pool)",
      "a node with a foreign pool, a static route, a leftover block",
      "find the announcing node (originator id) and remove the route or pool"),
  ROUTE_ATTRIBUTES(CheckKind.ROUTES, Severity.WARNING,
      "a reflected pool route has unexpected iBGP attributes (non-empty AS path, originator not its host)",
      "a route leaked through eBGP or re-originated",
      "check the announcing router's export filters"),
  ROUTE_SINGLE_RR(CheckKind.ROUTES, Severity.WARNING,
      "a pool is seen at only one of several route reflectors: losing that RR loses the route",
      "the node's session to another RR is down",
      "restore the node's sessions to every RR"),
  // ---- LVS directors ----------------------------------------------------------------------------
  DIRECTOR_ROUTE_MISSING(CheckKind.LVS, Severity.ERROR,
      "a director has no route for an allocated pool",
      "netctl lvs sync has not run since the allocation, or the route was deleted",
      "netctl lvs sync --director NAME"),
  DIRECTOR_ROUTE_WRONG_NEXT_HOP(CheckKind.LVS, Severity.ERROR,
      "a director's route for a pool points at another host",
      "the host IP changed, or a hand-added route",
      "netctl lvs sync --director NAME"),
  DIRECTOR_ROUTE_STALE(CheckKind.LVS, Severity.ERROR,
      "a director has a netctl route for a pool that is no longer allocated (or moved)",
      "a release without a sync",
      "netctl lvs sync --director NAME"),
  DIRECTOR_ROUTE_FOREIGN(CheckKind.LVS, Severity.ERROR,
      "a route netctl does not own contradicts an allocation",
      "a hand-added static route",
      "delete the foreign route (netctl never changes routes it does not own)"),
  DIRECTOR_ROUTE_UNOWNED(CheckKind.LVS, Severity.WARNING,
      "a director route made by hand agrees with an allocation but is not netctl's (it will not follow changes)",
      "routes added by the old checklist",
      "netctl lvs sync --director NAME --adopt"),
  DIRECTOR_PATH_STALE(CheckKind.LVS, Severity.WARNING,
      "a director routes a pool to its host, but no route reflector has the pool: the host's BGP is down, traffic to its pods may be black-holed",
      "BIRD stopped on the node, the node down, its sessions down",
      "repair the node's BIRD / sessions; drain the node from LVS if it is gone"),
  DIRECTOR_NO_HOST_IP(CheckKind.LVS, Severity.WARNING,
      "an allocation without host IP cannot be routed by directors",
      "allocated without --host-ip",
      "netctl allocate NODE --host-ip IP"),
  // ---- Kubernetes Nodes (netctl controller) ---------------------------------------------------------
  NODE_WITHOUT_ALLOCATION(CheckKind.CONFIG, Severity.ERROR,
      "a Kubernetes Node has no allocation, so no pool of its own for its pods",
      "the controller could not allocate (ranges exhausted, datastore unreachable) or was not running when the Node joined",
      "read observed for the reason; add a range or free pools; the controller retries on every resync"),
  NODE_WITHOUT_INTERNAL_IP(CheckKind.CONFIG, Severity.WARNING,
      "a Kubernetes Node reports no InternalIP: its pool is allocated without a host IP, so directors cannot route to it yet",
      "the kubelet has not reported its addresses yet, or reports only an ExternalIP",
      "check the Node's status.addresses; the controller records the host IP as soon as an InternalIP appears"),
  NODE_HOST_IP_CONFLICT(CheckKind.CONFIG, Severity.ERROR,
      "a Node's InternalIP is already recorded as the host IP of another node's allocation",
      "a node was replaced under a new name with the old one's IP while the old pool waits out its release grace period",
      "wait until the old node's pool is released (after --release-grace), or netctl release OLD-NODE once it is gone"),
  ALLOCATION_WITHOUT_NODE(CheckKind.CONFIG, Severity.WARNING,
      "an allocation whose Kubernetes Node is gone; the controller releases it after the grace period",
      "the Node was deleted (scale-in, replacement)",
      "nothing if the node is gone for good; re-create the Node within the grace period to keep its pool"),
  NODE_GONE_POOL_IN_USE(CheckKind.CONFIG, Severity.ERROR,
      "a deleted Node's pool still has addresses in use in Calico's block, so the controller does not release it",
      "the node was removed without draining, or Calico's IPAM kept stale handles",
      "find the addresses (calicoctl ipam show --show-blocks), release them, or netctl release NODE --force once no pod uses them"),
  ;

  private final CheckKind check;
  private final Severity severity;
  private final String meaning;
  private final String cause;
  private final String hint;

  Code(CheckKind check, Severity severity, String meaning, String cause, String hint) {
    this.check = check;
    this.severity = severity;
    this.meaning = meaning;
    this.cause = cause;
    this.hint = hint;
  }

  public CheckKind check() {
    return check;
  }

  public Severity severity() {
    return severity;
  }

  public String meaning() {
    return meaning;
  }

  public String cause() {
    return cause;
  }

  public String hint() {
    return hint;
  }

  /** The code as shown: {@code POOL_MISSING} → {@code pool-missing}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
