package io.netctl.e2e;

import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.bgp.calico.BgpPlanner;
import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.CalicoBgpState;
import io.netctl.bgp.calico.CoreSwitch;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.IpamReplica;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.ipam.store.Txn;
import io.netctl.lab.HeadlessChromium;
import io.netctl.lvs.Director;
import io.netctl.validator.CheckKind;
import io.netctl.validator.CheckRequest;
import io.netctl.validator.Checker;
import io.netctl.validator.ClusterState;
import io.netctl.validator.HostRef;
import io.netctl.validator.Intent;
import io.netctl.validator.observe.BirdProtocolStatus;
import io.netctl.validator.observe.MonitorSource;
import io.netctl.validator.picture.NetworkPicture;
import io.netctl.validator.report.HtmlReport;
import io.netctl.validator.report.TextReport;
import io.netctl.validator.routes.ReflectedRoute;
import io.netctl.validator.routes.RrObservation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The HTML report of the checker benchmark's 5,000-node network (bench/check-5000.sh: 5,000
 * nodes with allocations in 10.0.0.0/14, 3 route reflectors, 10 directors), run through the real
 * {@link Checker} with every reflector advertising every pool but 20, and rr-1's BIRD showing
 * every node's session, 50 of them Active: the report's size, the time to build and render it in
 * Java, and the time headless Chromium takes from navigation to the first frame after the load
 * event. Usage: {@code ReportBench [NODES=5000] [RUNS=5] [OUT=target/report-5000.html]}.
 */
public final class ReportBench {
  private ReportBench() {}

  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path out = Path.of(args.length > 2 ? args[2] : "target/report-" + nodes + ".html").toAbsolutePath();
    MemoryStore store = new MemoryStore();
    IpamConfig ipam = IpamConfig.of(List.of("10.0.0.0/14"), 27);
    List<RouteReflector> rrs = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      rrs.add(new RouteReflector("rr-" + i, v4("172.16.0." + i), v4("1.0.0.1"), Map.of()));
    }
    BgpTopology bgp = new BgpTopology(64512, rrs, List.of(new CoreSwitch("core-1", v4("172.17.0.1"), 64512, null)), null);
    try (IpamReplica replica = new IpamReplica(store)) {
      Allocator a = Allocator.mirrored(store, ipam, Clock.systemUTC(), replica);
      for (int i = 0; i < nodes; i++) {
        String host = "172.20." + (i / 250) + "." + (i % 250 + 1);
        // calico-node has registered every node (without its Calico Node an allocation stays pending)
        store.commit(Txn.builder().create(CalicoKeys.node("node-" + i), ("{\"kind\":\"Node\",\"apiVersion\":\"projectcalico.org/v3\","
            + "\"metadata\":{\"name\":\"node-%d\"},\"spec\":{\"bgp\":{\"ipv4Address\":\"%s/24\"}},\"status\":{}}").formatted(i, host)).build());
        a.allocate("node-" + i, v4(host), false);
      }
    }
    BgpPlanner.plan(bgp, ipam.ranges(), CalicoBgpState.read(store), Instant.now()).apply(store);
    List<Director> directors = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      directors.add(new Director("lvs-" + d, v4("172.18.0." + (d + 1)), "internal", null, null, null));
    }
    Intent intent = new Intent(ipam, bgp, directors, List.of());
    ClusterState state = ClusterState.read(store);
    List<Allocation> allocations = state.allocations();
    List<RrObservation> seen = new ArrayList<>();
    for (RouteReflector rr : rrs) {
      List<ReflectedRoute> routes = new ArrayList<>();
      for (int i = 20; i < allocations.size(); i++) {
        Allocation x = allocations.get(i);
        routes.add(new ReflectedRoute(x.cidr(), x.hostIpText(), 0, x.hostIpText(), List.of("1.0.0.1")));
      }
      seen.add(new RrObservation(rr.name(), rr.ip().toCanonicalString(), routes, null, 0));
    }
    List<BirdProtocolStatus> bird = new ArrayList<>();
    for (int i = 0; i < allocations.size(); i++) {
      String state1 = i % 100 == 7 ? "Active" : "Established";
      String peer = allocations.get(i).hostIpText();
      bird.add(new BirdProtocolStatus("Node_" + peer.replace('.', '_'), "BGP", "master4", state1.equals("Established") ? "up" : "start", "10:00:00",
          state1, state1, peer, OptionalLong.of(64512), OptionalLong.of(1), null));
    }
    MonitorSource monitor = () -> new MonitorSource.View(seen, List.of());
    System.out.printf("fixtures: %d nodes, %d RRs, %d directors; %d routes per RR, %d BIRD sessions%n", nodes, rrs.size(), directors.size(),
        seen.get(0).routes().size(), bird.size());

    String html = null;
    for (int run = 1; run <= runs; run++) {
      long t0 = System.nanoTime();
      CheckRequest req = CheckRequest.builder(EnumSet.allOf(CheckKind.class), Instant.now()).tolerant(true).state(state).monitor(monitor)
          .bird(() -> bird, new HostRef.Named("rr-1", "--bird-of")).build();
      Checker.Result r = new Checker(intent).run(req);
      long t1 = System.nanoTime();
      NetworkPicture p = NetworkPicture.of(intent, state, r, Instant.now(), "bench", TextReport.summary(r.report()));
      long t2 = System.nanoTime();
      html = HtmlReport.write(p);
      long t3 = System.nanoTime();
      System.out.printf("java run %d: check %.3f s, pictures %.3f s, HTML %.3f s; %d findings, %d cells, %d edges%n", run, (t1 - t0) / 1e9,
          (t2 - t1) / 1e9, (t3 - t2) / 1e9, r.report().findings().size(), p.ranges().stream().mapToInt(x -> x.cells().size()).sum(), p.edges().size());
    }
    Files.createDirectories(out.getParent());
    Files.writeString(out, html, StandardCharsets.UTF_8);
    System.out.printf("report: %s, %d bytes (%.2f MB)%n", out, Files.size(out), Files.size(out) / 1e6);

    try (HeadlessChromium chromium = HeadlessChromium.start(1400, 1000)) {
      List<Double> times = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        chromium.open("about:blank");
        chromium.open(out.toUri().toString());
        Number ms = (Number) chromium.driver().executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + "requestAnimationFrame(function () { requestAnimationFrame(function () { done(performance.now()); }); });");
        Number load = (Number) chromium.script("var n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd;");
        long cells = (Long) chromium.script("return document.querySelectorAll('.c').length");
        long edges = (Long) chromium.script("return document.querySelectorAll('.edge').length");
        times.add(ms.doubleValue());
        System.out.printf("chromium run %d: load event %.0f ms, first frame after it %.0f ms (navigation start = 0); %d cells, %d edges in the DOM; "
            + "console errors %d, requests %s%n", run, load.doubleValue(), ms.doubleValue(), cells, edges, chromium.consoleErrors().size(),
            chromium.requests());
      }
      times.sort(null);
      System.out.printf("chromium render: median %.0f ms, min %.0f ms, max %.0f ms over %d runs%n", times.get(times.size() / 2), times.get(0),
          times.get(times.size() - 1), times.size());
    }
  }

  static IPv4Address v4(String s) {
    return new IPAddressString(s).getAddress().toIPv4();
  }
}
