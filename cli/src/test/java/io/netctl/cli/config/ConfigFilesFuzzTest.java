package io.netctl.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.validator.change.Change;
import io.netctl.validator.change.Validation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Arbitrary bytes as the YAML files users write: {@code netctl.yaml} ({@link ConfigLoader}) and
 * change files ({@link ChangeFileLoader}). Each gives its value or one {@link BadInputException}
 * (exit 2) whose one-line message starts with the file's name; what loads is carried through
 * {@code netctl validate}'s {@link Validation} on an empty datastore, which reports rather than
 * throws. Seeds ({@code ConfigFilesFuzzTestInputs/}): the README's and docs' examples and
 * deploy/configmap.yaml.
 */
class ConfigFilesFuzzTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

  @FuzzTest
  void netctlYaml(byte[] file) {
    NetctlConfig cfg;
    try {
      cfg = ConfigLoader.parse("netctl.yaml", new String(file, StandardCharsets.UTF_8));
    } catch (BadInputException e) {
      assertRefused(e, "netctl.yaml");
      return;
    }
    assertThat(cfg.intent()).isNotNull();
    Validation.run(new MemoryStore(), new Validation.Topology(cfg.ipam(), cfg.bgp(), cfg.directors()), List.of(), CLOCK);
  }

  @FuzzTest
  void changeFile(byte[] file) {
    List<Change> changes;
    try {
      changes = ChangeFileLoader.parse("change.yaml", new String(file, StandardCharsets.UTF_8));
    } catch (BadInputException e) {
      assertRefused(e, "change.yaml");
      return;
    }
    NetctlConfig cfg = NetctlConfig.defaults();
    Validation.run(new MemoryStore(), new Validation.Topology(cfg.ipam(), cfg.bgp(), cfg.directors()), changes, CLOCK);
  }

  static void assertRefused(BadInputException e, String file) {
    assertThat(e.getMessage()).startsWith(file).doesNotContain("\n").doesNotContain("\r");
  }
}
