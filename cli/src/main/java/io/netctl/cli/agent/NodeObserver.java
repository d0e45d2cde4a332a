package io.netctl.cli.agent;

import io.netctl.cli.config.NetctlConfig;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.UnreachableException;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.StoreException;
import io.netctl.validator.observe.BirdControlSocket;
import io.netctl.validator.observe.BirdProtocolStatus;
import io.netctl.lvs.KernelRoute;
import io.netctl.validator.observe.TcpConnection;
import io.netctl.validator.observe.TcpTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Gathers one round of a node's observations: {@code /proc/net/tcp{,6}}, BIRD's socket when it
 * exists, the kernel's routes (through the lvs module's iproute2 adapter), and the allocations from the datastore when
 * one is configured. A part that cannot be read is left out with the reason, never guessed.
 */
public final class NodeObserver {
  static final Duration BIRD_TIMEOUT = Duration.ofSeconds(2);

  private final String node;
  private final Path procNet;
  private final Path birdSocket;
  private final KvStore store;
  private final NetctlConfig config;
  private final Clock clock;

  /** {@code store} may be null: no datastore configured, so routes are not checked. */
  public NodeObserver(String node, Path procNet, Path birdSocket, KvStore store, NetctlConfig config, Clock clock) {
    this.node = node;
    this.procNet = procNet;
    this.birdSocket = birdSocket;
    this.store = store;
    this.config = config;
    this.clock = clock;
  }

  public NodeObservation observe() {
    List<TcpConnection> tcp = TcpTable.read(procNet);
    List<BirdProtocolStatus> bird = null;
    String birdWhyNot = null;
    if (!Files.exists(birdSocket)) {
      birdWhyNot = "no BIRD socket at " + birdSocket + " (mount /var/run/calico to read BIRD's protocols)";
    } else {
      try (BirdControlSocket s = BirdControlSocket.connect(birdSocket, BIRD_TIMEOUT)) {
        bird = s.protocols();
      } catch (UnreachableException | IllegalArgumentException e) {
        birdWhyNot = e.getMessage();
      }
    }
    List<KernelRoute> routes = null;
    List<Allocation> allocations = null;
    String routesWhyNot = null;
    if (store == null) {
      routesWhyNot = "no datastore configured (--etcd-endpoints or $ETCD_ENDPOINTS): the other nodes' pools are unknown";
    } else if (node == null) {
      routesWhyNot = "this node's name is unknown (--node or $NODE_NAME)";
    } else {
      try {
        allocations = new Allocator(store, config.ipam(), clock).list();
        routes = io.netctl.lvs.iproute.IprouteTable.of(null).list();
      } catch (StoreException | UnreachableException | IllegalArgumentException e) {
        routesWhyNot = e.getMessage();
        allocations = null;
        routes = null;
      }
    }
    return new NodeObservation(node, tcp, bird, birdWhyNot, routes, allocations, routesWhyNot,
        config.bgp().routeReflectors().stream().map(rr -> rr.ip().toCanonicalString()).toList(), config.ipam());
  }
}
