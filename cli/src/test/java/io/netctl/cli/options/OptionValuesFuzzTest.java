package io.netctl.cli.options;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netctl.bgp.calico.AsNumber;
import io.netctl.ipam.BadInputException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Arbitrary text as the values netctl parses itself from its command line and files: durations
 * ({@code --etcd-timeout 5s}), listen addresses ({@code --metrics-listen :9090}), AS numbers. Each
 * gives its value or one {@link BadInputException} with a one-line message (exit 2).
 */
class OptionValuesFuzzTest {
  @FuzzTest
  void optionValues(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    check(DurationConverter::parse, text);
    check(t -> ListenAddress.parse(t, "--listen"), text);
    check(t -> AsNumber.parse("asNumber", t), text);
  }

  static void check(Function<String, ?> parse, String text) {
    try {
      assertThat((Object) parse.apply(text)).isNotNull();
    } catch (BadInputException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r");
    }
  }
}
