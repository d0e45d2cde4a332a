package io.netctl.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netctl.ipam.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  static final String FULL = """
      asNumber: 64512
      blockSize: 27
      ranges: [10.3.240.0/21, 10.3.216.0/21]
      routeReflectors:
        - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1}
        - name: rr-2
          ip: 10.3.252.9
          clusterId: 1.0.0.1
          labels: {rack: r2}
      coreSwitches:
        - {name: core-1, ip: 10.3.0.1, asNumber: 64512}
        - {name: core-2, ip: 10.3.0.2, password: {secretKeyRef: {name: bgp, key: core}}}
      directors:
        - {name: lvs-int-1, ip: 10.3.214.10, group: internal}
        - {name: lvs-ext-1, ip: 10.3.214.11, group: external, table: 100, device: eth1, metric: 20}
      bgpPassword: {secretKeyRef: {name: bgp-secrets, key: rr-password}}
      """;

  @Test
  void theDesignExampleLoads() {
    NetctlConfig c = ConfigLoader.parse("netctl.yaml", FULL);
    assertThat(c.bgp().asNumber()).isEqualTo(64512);
    assertThat(c.ipam().ranges()).hasSize(2);
    assertThat(c.bgp().routeReflectors()).extracting(r -> r.name()).containsExactly("rr-1", "rr-2");
    assertThat(c.bgp().routeReflectors().get(1).labels()).containsEntry("rack", "r2");
    assertThat(c.bgp().routeReflectors().get(0).clusterId().toCanonicalString()).isEqualTo("1.0.0.1");
    assertThat(c.bgp().coreSwitches().get(1).asNumber()).as("defaults to the global AS").isEqualTo(64512);
    assertThat(c.bgp().coreSwitches().get(1).password().key()).isEqualTo("core");
    assertThat(c.directors().get(1).table()).isEqualTo(100);
    assertThat(c.directors().get(1).device()).isEqualTo("eth1");
    assertThat(c.bgp().password().name()).isEqualTo("bgp-secrets");
  }

  @Test
  void emptyFileMeansDefaults() {
    NetctlConfig c = ConfigLoader.parse("netctl.yaml", "# nothing\n");
    assertThat(c.ipam().totalBlocks()).isEqualTo(128);
    assertThat(c.bgp().asNumber()).isEqualTo(64512);
  }

  @Test
  void theMeshIsOffUnlessSaidOtherwise() {
    assertThat(ConfigLoader.parse("f", FULL).bgp().nodeToNodeMesh()).isFalse();
    assertThat(ConfigLoader.parse("f", "nodeToNodeMesh: true\n").bgp().nodeToNodeMesh()).isTrue();
    assertThat(ConfigLoader.parse("f", "nodeToNodeMesh: false\n").bgp().nodeToNodeMesh()).isFalse();
  }

  @Test
  void labelsAndSecretReferencesAreKubernetesNames() {
    assertThatThrownBy(() -> ConfigLoader.parse("f", "routeReflectors:\n  - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1, labels: {route-reflector: 'false'}}\n"))
        .hasMessageContaining("f:2: routeReflectors[rr-1].labels: label route-reflector is set by netctl itself");
    assertThatThrownBy(() -> ConfigLoader.parse("f", "routeReflectors:\n  - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1, labels: {rack: 'a b'}}\n"))
        .hasMessageContaining("f:2: routeReflectors[rr-1].labels.rack: invalid label value");
    assertThat(ConfigLoader.parse("f", "routeReflectors:\n  - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1, labels: {topology.kubernetes.io/zone: z1}}\n")
        .bgp().routeReflectors().get(0).labels()).containsEntry("topology.kubernetes.io/zone", "z1");
    assertThatThrownBy(() -> ConfigLoader.parse("f", "bgpPassword: {secretKeyRef: {name: bgp, key: 'a/b'}}\n"))
        .hasMessageContaining("f:1: bgpPassword.secretKeyRef.key \"a/b\"");
  }

  @Test
  void thePoolPressureThresholdDefaultsTo90AndMustBeAPercentage() {
    assertThat(ConfigLoader.parse("f", "# nothing\n").intent().poolNearlyFullPercent()).isEqualTo(90);
    assertThat(ConfigLoader.parse("f", "poolNearlyFullPercent: 75\n").intent().poolNearlyFullPercent()).isEqualTo(75);
    assertThatThrownBy(() -> ConfigLoader.parse("f", "poolNearlyFullPercent: 0\n")).isInstanceOf(io.netctl.ipam.BadInputException.class)
        .hasMessageContaining("f:1: poolNearlyFullPercent 0: must be between 1 and 100");
    assertThatThrownBy(() -> ConfigLoader.parse("f", "poolNearlyFullPercent: 101\n")).hasMessageContaining("must be between 1 and 100");
    assertThatThrownBy(() -> ConfigLoader.parse("f", "poolNearlyFullPercent: most\n")).hasMessageContaining("not a whole number");
  }

  @Test
  void bfdAndRouteFlappingTakeDefaultsAndBoundedValues() {
    NetctlConfig none = ConfigLoader.parse("f", "# nothing\n");
    assertThat(none.bfd().enabled()).isFalse();
    assertThat(none.routeFlapping()).isEqualTo(io.netctl.validator.routes.ChurnLimit.DEFAULT);
    NetctlConfig on = ConfigLoader.parse("f", "bfd: {interval: 100ms, multiplier: 5}\nrouteFlapping: {changes: 6, window: 2m}\n");
    assertThat(on.bfd()).isEqualTo(new io.netctl.bgp.calico.Bfd(true, java.time.Duration.ofMillis(100), 5));
    assertThat(on.intent().bfd().detectionTime()).isEqualTo(java.time.Duration.ofMillis(500));
    assertThat(on.intent().routeFlapping()).isEqualTo(new io.netctl.validator.routes.ChurnLimit(6, java.time.Duration.ofMinutes(2)));
    assertThat(ConfigLoader.parse("f", "bfd: {enabled: false}\n").bfd().enabled()).isFalse();
    assertThatThrownBy(() -> ConfigLoader.parse("f", "\nbfd: {interval: 5ms}\n")).isInstanceOf(io.netctl.ipam.BadInputException.class)
        .hasMessage("f:2: bfd.interval 5 ms: must be between 10 ms and 10 s");
    assertThatThrownBy(() -> ConfigLoader.parse("f", "bfd: {multiplier: 0}\n")).hasMessage("f:1: bfd.multiplier 0: must be between 1 and 255");
    assertThatThrownBy(() -> ConfigLoader.parse("f", "bfd: {interval: fast}\n")).hasMessageStartingWith("f:1: bfd.interval: invalid duration \"fast\"");
    assertThatThrownBy(() -> ConfigLoader.parse("f", "bfd: {enabled: yes}\n")).hasMessage("f:1: bfd.enabled \"yes\": must be true or false");
    assertThatThrownBy(() -> ConfigLoader.parse("f", "bfd: {intervall: 1s}\n")).hasMessageContaining("unknown key \"intervall\" in bfd");
    assertThatThrownBy(() -> ConfigLoader.parse("f", "routeFlapping: {changes: 1}\n")).hasMessage("f:1: routeFlapping.changes 1: must be between 2 and 1000000");
    assertThatThrownBy(() -> ConfigLoader.parse("f", "routeFlapping: {window: 2d}\n")).hasMessage("f:1: routeFlapping.window 172800000 ms: must be between 1 s and 24 h");
  }

  @Test
  void gracefulRestartIsOptionalUnlessRequired() {
    assertThat(ConfigLoader.parse("f", "# nothing\n").intent().gracefulRestartRequired()).isFalse();
    assertThat(ConfigLoader.parse("f", "gracefulRestart: optional\n").intent().gracefulRestartRequired()).isFalse();
    assertThat(ConfigLoader.parse("f", "gracefulRestart: required\n").intent().gracefulRestartRequired()).isTrue();
    assertThatThrownBy(() -> ConfigLoader.parse("f", "gracefulRestart: yes\n")).isInstanceOf(io.netctl.ipam.BadInputException.class)
        .hasMessageContaining("f:1: gracefulRestart \"yes\": must be required or optional");
  }

  @Test
  void asdotIsAccepted() {
    assertThat(ConfigLoader.parse("f", "asNumber: 1.10\n").bgp().asNumber()).isEqualTo(65546);
    assertThat(ConfigLoader.parse("f", "asNumber: \"4200000000\"\n").bgp().asNumber()).isEqualTo(4200000000L);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "asNumber: 0                                  | f:1: asNumber 0: out of range",
    "asNumber: 4294967296                         | f:1: asNumber 4294967296: out of range",
    "asNumber: abc                                | f:1: asNumber \"abc\": not an AS number",
    "asNumber: 1.70000                            | f:1: asNumber \"1.70000\"",
    "rangs: [10.3.240.0/21]                       | f:1: unknown key \"rangs\"",
    "ranges: 10.3.240.0/21                        | f:1: ranges must be a list",
    "ranges: [10.3.240.7/21]                      | f:1: ranges[0]: invalid range 10.3.240.7/21: not aligned",
    "ranges: [10.3.240.0/21, 10.3.242.0/23]       | f:1: ranges[1]: range 10.3.242.0/23 overlaps ranges[0] 10.3.240.0/21",
    "ranges: []                                   | f:1: ranges: at least one range",
    "blockSize: 40                                | f:1: blockSize 40: must be between 20 and 32",
    "'routeReflectors: [{name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0}]' | f:1: routeReflectors[rr-1].clusterId \"1.0.0\"",
    "'routeReflectors: [{name: rr-1, ip: 10.3.252.8}]'                   | f:1: routeReflectors[].clusterId is required",
    "'routeReflectors: [{name: RR1, ip: 10.3.252.8, clusterId: 1.0.0.1}]' | invalid routeReflectors[].name \"RR1\"",
    "'routeReflectors: [{name: rr-1, ip: 10.3.240.8, clusterId: 1.0.0.1}]' | inside the container ranges",
    "'routeReflectors: [{name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1, asn: 5}]' | unknown key \"asn\"",
    "'coreSwitches: [{name: c1, ip: 10.3.0.1, asNumber: 4294967296}]'      | coreSwitches[c1].asNumber 4294967296: out of range",
    "'directors: [{name: d1, ip: 10.3.214.10, table: x}]'                  | directors[d1].table \"x\": not a whole number",
  })
  void badValuesNameTheFieldAndLine(String yaml, String expected) {
    assertThatThrownBy(() -> ConfigLoader.parse("f", yaml.replace("\\n", "\n")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(expected.strip())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void duplicatesNameBothLines() {
    String dup = """
        routeReflectors:
          - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1}
          - {name: rr-2, ip: 10.3.252.8, clusterId: 1.0.0.1}
        """;
    assertThatThrownBy(() -> ConfigLoader.parse("f", dup))
        .hasMessageContaining("f:3: duplicate IP 10.3.252.8 (first at line 2)");
    assertThatThrownBy(() -> ConfigLoader.parse("f", "asNumber: 1\nasNumber: 2\n"))
        .isInstanceOf(BadInputException.class).hasMessageContaining("f:2").hasMessageContaining("asNumber");
  }

  @Test
  void malformedYamlGivesTheLine() {
    assertThatThrownBy(() -> ConfigLoader.parse("f", "ranges:\n  - 10.3.240.0/21\n bad: [\n"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("f:")
        .hasMessageContaining("malformed YAML");
    assertThatThrownBy(() -> ConfigLoader.parse("f", "- a\n- b\n")).hasMessageContaining("the top level must be a mapping");
  }
}
