package io.netctl.bgp.bench;

import io.netctl.bgp.rib.AdjRibIn;
import io.netctl.bgp.rib.RouteListener;
import io.netctl.bgp.wire.AddressFamily;
import io.netctl.bgp.wire.Addresses;
import io.netctl.bgp.wire.MessageReader;
import io.netctl.bgp.wire.MessageWriter;
import io.netctl.bgp.wire.Octets;
import io.netctl.bgp.wire.PathAttribute;
import io.netctl.bgp.wire.PathAttribute.*;
import io.netctl.bgp.wire.Prefix;
import io.netctl.bgp.wire.Update;
import io.netctl.bgp.wire.WireOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * UPDATE decoding throughput; every score is in prefixes per second ({@code @OperationsPerInvocation}
 * is the number of prefixes in the message). The UPDATEs are what a route reflector sends: ORIGIN,
 * empty AS_PATH or a short one, NEXT_HOP, MED, LOCAL_PREF, two COMMUNITIES, ORIGINATOR_ID,
 * CLUSTER_LIST, then packed NLRI.
 *
 * <p>Run: {@code bench/bgp-decoder.sh} (builds, then {@code java -cp ... DecoderBench}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecoderBench {
  /** /24s that fill one 4096-byte UPDATE after the attributes. */
  static final int FULL = 1000;
  /** IPv6 /48s in one MP_REACH_NLRI. */
  static final int V6 = 550;

  static final WireOptions OPTIONS = new WireOptions(true, false, true);

  ByteBuf full;
  ByteBuf calico;
  ByteBuf ipv6;
  AdjRibIn rib;

  static List<PathAttribute> attributes(int nextHop, PathAttribute reach) {
    List<PathAttribute> a = new ArrayList<>(List.of(
        new Origin(OriginType.IGP),
        AsPath.sequence(64512L, 65001L, 65002L),
        new MultiExitDisc(0),
        new LocalPref(100),
        new Communities(List.of(0xfc000064, 0xfc0000c8)),
        new OriginatorId(nextHop),
        new ClusterList(List.of(Addresses.parseDotted("1.0.0.1")))));
    a.add(2, reach != null ? reach : new NextHop(nextHop));
    return a;
  }

  static ByteBuf message(Update u) {
    return Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(MessageWriter.write(u, OPTIONS)));
  }

  @Setup
  public void setUp() {
    List<Prefix> nlri = new ArrayList<>();
    for (int i = 0; i < FULL; i++) {
      nlri.add(new Prefix.Ipv4(0x10000000 | (i << 8), 24));
    }
    int hop = Addresses.parseDotted("172.31.0.2");
    full = message(new Update(List.of(), attributes(hop, null), nlri));
    calico = message(new Update(List.of(), attributes(hop, null), List.of(Prefix.parse("10.3.240.0/27"))));
    List<Prefix> v6 = new ArrayList<>();
    for (int i = 0; i < V6; i++) {
      v6.add(Prefix.Ipv6.masked(0x20010db800000000L | ((long) i << 16), 0, 48));
    }
    MpReach reach = new MpReach(AddressFamily.IPV6_UNICAST, Octets.hex("20010db8000000000000000000000001"), v6);
    ipv6 = message(new Update(List.of(), attributes(hop, reach), List.of()));
    rib = new AdjRibIn();
  }

  private static Object decode(ByteBuf b) {
    return MessageReader.read(b.duplicate(), OPTIONS, m -> {});
  }

  @Benchmark
  @OperationsPerInvocation(FULL)
  public Object fullIpv4Update() {
    return decode(full);
  }

  @Benchmark
  public Object calicoBlockUpdate() {
    return decode(calico);
  }

  @Benchmark
  @OperationsPerInvocation(V6)
  public Object fullIpv6Update() {
    return decode(ipv6);
  }

  @Benchmark
  @OperationsPerInvocation(FULL)
  public Object fullIpv4UpdateIntoAdjRibIn() {
    return rib.apply((Update) decode(full), true, RouteListener.NONE);
  }

  public static void main(String[] args) throws Exception {
    new Runner(new OptionsBuilder().include(DecoderBench.class.getName()).build()).run();
  }
}
