package io.netctl.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IpamConfigTest {
  @Test
  void defaultsAreThePlatformsNetwork() {
    assertThat(IpamConfig.DEFAULT.ranges()).extracting(r -> r.toCanonicalString()).containsExactly("10.3.240.0/21", "10.3.216.0/21");
    assertThat(IpamConfig.DEFAULT.blockSize()).isEqualTo(27);
    assertThat(IpamConfig.DEFAULT.totalBlocks()).isEqualTo(128);
  }

  @Test
  void blocksAreEnumeratedInOrder() {
    var r = IpamConfig.DEFAULT.ranges().get(0);
    assertThat(IpamConfig.DEFAULT.block(r, 0).toCanonicalString()).isEqualTo("10.3.240.0/27");
    assertThat(IpamConfig.DEFAULT.block(r, 1).toCanonicalString()).isEqualTo("10.3.240.32/27");
    assertThat(IpamConfig.DEFAULT.block(r, 63).toCanonicalString()).isEqualTo("10.3.247.224/27");
  }

  @Test
  void badRangesAreRefusedWithTheirNames() {
    assertThatThrownBy(() -> IpamConfig.of(List.of("10.3.240.5/21"), 27)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("10.3.240.5/21").hasMessageContaining("not aligned").hasMessageContaining("10.3.240.0/21");
    assertThatThrownBy(() -> IpamConfig.of(List.of("10.3.240.0/21", "10.3.244.0/22"), 27)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("10.3.240.0/21").hasMessageContaining("10.3.244.0/22").hasMessageContaining("overlap");
    assertThatThrownBy(() -> IpamConfig.of(List.of("10.3.999.0/21"), 27)).isInstanceOf(BadInputException.class).hasMessageContaining("10.3.999.0/21");
    assertThatThrownBy(() -> IpamConfig.of(List.of("10.3.240.0"), 27)).isInstanceOf(BadInputException.class).hasMessageContaining("not a CIDR");
    assertThatThrownBy(() -> IpamConfig.of(List.of("fd00::/64"), 27)).isInstanceOf(BadInputException.class).hasMessageContaining("only IPv4");
    assertThatThrownBy(() -> IpamConfig.of(List.of("10.3.240.0/28"), 27)).isInstanceOf(BadInputException.class).hasMessageContaining("smaller than one /27");
    assertThatThrownBy(() -> IpamConfig.of(List.of(), 27)).isInstanceOf(BadInputException.class);
    assertThatThrownBy(() -> IpamConfig.of(List.of("10.3.240.0/21"), 33)).isInstanceOf(BadInputException.class).hasMessageContaining("blockSize 33");
  }

  @Test
  void rangesMustBeUnicastOutsideTheReservedBlocks() {
    for (String bad : List.of("0.0.0.0/0", "0.0.0.0/8", "0.255.0.0/16", "127.0.0.0/8", "127.0.0.0/27", "169.254.0.0/16", "169.254.3.0/24",
        "224.0.0.0/4", "224.0.0.0/27", "239.255.255.0/24", "240.0.0.0/4", "255.255.255.224/27", "128.0.0.0/1", "64.0.0.0/2")) {
      assertThatThrownBy(() -> IpamConfig.of(List.of(bad), 27)).as(bad).isInstanceOf(BadInputException.class)
          .hasMessageContaining("range " + bad).hasMessageContaining("must be unicast");
    }
    assertThatThrownBy(() -> IpamConfig.of(List.of("0.0.0.0/0"), 27)).hasMessage(
        "range 0.0.0.0/0 overlaps 0.0.0.0/8 (\"this network\"): container ranges must be unicast, outside 0.0.0.0/8, 127.0.0.0/8, "
            + "169.254.0.0/16, 224.0.0.0/4, 240.0.0.0/4");
    for (String good : List.of("10.0.0.0/8", "1.0.0.0/8", "126.0.0.0/8", "128.0.0.0/8", "169.253.0.0/16", "192.0.0.0/3", "223.255.255.224/27")) {
      assertThat(IpamConfig.of(List.of(good), 27).ranges()).as(good).hasSize(1);
    }
  }

  @Test
  void atMostSoManyRanges() {
    List<String> many = java.util.stream.IntStream.range(0, IpamConfig.MAX_RANGES + 1).mapToObj(i -> "10." + i + ".0.0/16").toList();
    assertThatThrownBy(() -> IpamConfig.of(many, 27)).isInstanceOf(BadInputException.class)
        .hasMessage("ranges: 65 ranges; at most 64 are supported (use larger ranges)");
    assertThat(IpamConfig.of(many.subList(0, IpamConfig.MAX_RANGES), 27).ranges()).hasSize(64);
  }

  @Test
  void hostIpsMustBeUnicastIpv4() {
    for (String bad : List.of("", "x", "10.3.0", "10.3.0.5/24", "::1", "127.0.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "169.254.1.1", "10.3.0.256")) {
      assertThatThrownBy(() -> Names.hostIp("host IP", bad)).as(bad).isInstanceOf(BadInputException.class);
    }
    assertThat(Names.hostIp("host IP", "10.3.0.5").toCanonicalString()).isEqualTo("10.3.0.5");
  }
}
