package io.netctl.bgp.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.bgp.bmp.BmpCollector;
import io.netctl.bgp.bmp.BmpEvent;
import io.netctl.bgp.bmp.MonitoredPeer;
import io.netctl.bgp.rib.RibSnapshot;
import io.netctl.bgp.rib.Route;
import io.netctl.bgp.session.BgpSession;
import io.netctl.bgp.session.BgpSpeaker;
import io.netctl.bgp.session.SessionConfig;
import io.netctl.bgp.session.SessionEvent;
import io.netctl.bgp.wire.Addresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * netctl's speaker or BMP collector as a process the interop tests start inside a namespace (the
 * test JVM itself cannot enter one). Prints one JSON object per line: state changes, and after
 * each change the whole RIB of that peer (labs are small).
 *
 * <pre>
 * Probe bgp PEER,PEER_AS,LOCAL_AS,ROUTER_ID,LOCAL_ADDRESS,HOLD[,PASSWORD[,no-add-path]] ...
 * Probe bmp BIND_ADDRESS PORT
 * </pre>
 */
public final class Probe {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ScheduledExecutorService DUMPS = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "probe-dump");
    t.setDaemon(true);
    return t;
  });

  public static void main(String[] args) throws Exception {
    if (args[0].equals("bgp")) {
      bgp(List.of(args).subList(1, args.length));
    } else {
      bmp(args[1], Integer.parseInt(args[2]));
    }
    new CountDownLatch(1).await(); // until the test stops this process
  }

  static synchronized void print(Map<String, Object> line) {
    try {
      System.out.println(JSON.writeValueAsString(line));
      System.out.flush();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> route(Route r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("prefix", r.prefix().toString());
    if (r.hasPathId()) {
      m.put("pathId", r.pathId());
    }
    m.put("nextHop", r.attributes().nextHop() == null ? null : Addresses.text(r.attributes().nextHop()));
    m.put("asPath", r.attributes().asPath().toString());
    m.put("originatorId", r.attributes().originatorId());
    m.put("clusterList", r.attributes().clusterList());
    m.put("localPref", r.attributes().localPref());
    m.put("communities", r.attributes().communities());
    return m;
  }

  static void bgp(List<String> specs) {
    BgpSpeaker speaker = new BgpSpeaker();
    Runtime.getRuntime().addShutdownHook(new Thread(speaker::close));
    for (String spec : specs) {
      String[] f = spec.split(",");
      SessionConfig c = SessionConfig.of(addr(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), f[3])
          .withLocalAddress(addr(f[4]))
          .withHoldTime(Integer.parseInt(f[5]))
          .withConnectTimeout(Duration.ofSeconds(2))
          .withConnectRetry(Duration.ofSeconds(1), Duration.ofSeconds(4));
      if (f.length > 6 && !f[6].isEmpty()) {
        c = c.withPassword(f[6]);
      }
      if (f.length > 7 && f[7].equals("no-add-path")) {
        c = c.withAddPathReceive(List.of());
      }
      String peer = f[0];
      AtomicBoolean pending = new AtomicBoolean();
      BgpSession[] self = new BgpSession[1];
      self[0] = speaker.session(c, e -> {
        if (e instanceof SessionEvent.StateChanged sc) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("type", "state");
          m.put("peer", peer);
          m.put("from", sc.from().title());
          m.put("to", sc.to().title());
          m.put("reason", sc.reason());
          print(m);
        }
        if (pending.compareAndSet(false, true)) {
          DUMPS.schedule(() -> {
            pending.set(false);
            RibSnapshot rib = self[0].snapshot().join();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "rib");
            m.put("peer", peer);
            m.put("state", self[0].state().title());
            m.put("eor", rib.endOfRib().stream().map(Object::toString).sorted().toList());
            m.put("flaps", self[0].counters().snapshot().flaps());
            m.put("routes", rib.routes().stream().map(Probe::route).toList());
            print(m);
          }, 100, TimeUnit.MILLISECONDS);
        }
      });
      self[0].start();
    }
  }

  static void bmp(String bind, int port) throws Exception {
    AtomicBoolean pending = new AtomicBoolean();
    BmpCollector[] self = new BmpCollector[1];
    self[0] = new BmpCollector(e -> {
      Map<String, Object> m = new LinkedHashMap<>();
      if (e instanceof BmpEvent.PeerUp up) {
        m.put("type", "bmp-peer-up");
        m.put("router", up.router());
        m.put("peer", up.peer().address());
        m.put("routerId", up.sentOpen() == null ? null : Addresses.dotted(up.sentOpen().bgpId()));
      } else if (e instanceof BmpEvent.PeerDown down) {
        m.put("type", "bmp-peer-down");
        m.put("router", down.router());
        m.put("peer", down.peer().address());
        m.put("reason", down.reason());
      } else if (e instanceof BmpEvent.RouterUp up) {
        m.put("type", "bmp-router-up");
        m.put("router", up.router());
        m.put("sysName", up.sysName());
        m.put("sysDescr", up.sysDescr());
      } else if (e instanceof BmpEvent.RouterDown down) {
        m.put("type", "bmp-router-down");
        m.put("router", down.router());
        m.put("reason", down.reason());
      }
      if (!m.isEmpty()) {
        print(m);
      }
      if (pending.compareAndSet(false, true)) {
        DUMPS.schedule(() -> {
          pending.set(false);
          Map<String, Map<MonitoredPeer, RibSnapshot>> all = self[0].snapshot().join();
          List<Map<String, Object>> ribs = new ArrayList<>();
          all.forEach((router, peers) -> peers.forEach((p, rib) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("router", router);
            r.put("peer", p.address());
            r.put("view", p.view().toString());
            r.put("routes", rib.routes().stream().map(Probe::route).toList());
            ribs.add(r);
          }));
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("type", "bmp-ribs");
          line.put("ribs", ribs);
          print(line);
        }, 100, TimeUnit.MILLISECONDS);
      }
    });
    InetSocketAddress bound = self[0].listen(new InetSocketAddress(addr(bind), port));
    Runtime.getRuntime().addShutdownHook(new Thread(self[0]::close));
    print(Map.of("type", "listening", "address", bound.toString()));
  }

  static InetAddress addr(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(s);
    }
  }
}
