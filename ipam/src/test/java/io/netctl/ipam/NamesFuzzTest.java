package io.netctl.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Arbitrary text as the names and addresses users type (node names, labels, host IPs, ranges):
 * each of {@link Names}' checks returns the value or throws one {@link BadInputException} with a
 * one-line message (exit 2), whatever the text holds.
 */
class NamesFuzzTest {
  @FuzzTest
  void typedValues(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    check(Names::node, text);
    check(t -> Names.label("name", t), text);
    check(t -> Names.hostIp("hostIp", t), text);
    check(t -> Names.ipv4Prefix("range", t), text);
  }

  static void check(Function<String, ?> parse, String text) {
    try {
      assertThat((Object) parse.apply(text)).isNotNull();
    } catch (BadInputException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r");
    }
  }
}
