package io.netctl.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netctl.bgp.calico.AsNumber;
import io.netctl.ipam.BadInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The option values of {@link OptionValuesFuzzTest} with the inputs that once broke their messages. */
class OptionValuesTest {
  @Test
  void aDurationWithALineBreakIsRefusedOnOneLine() {
    // found by OptionValuesFuzzTest (seed duration-with-line-break): the value was quoted as it was
    assertThatThrownBy(() -> DurationConverter.parse("12\u00b7.0.0.1:90k\n"))
        .isExactlyInstanceOf(BadInputException.class)
        .hasMessage("invalid duration \"12\u00b7.0.0.1:90k?\": use e.g. 500ms, 5s, 2m, 1h");
    assertThatThrownBy(() -> DurationConverter.parse("9999999999999d\n"))
        .hasMessage("invalid duration \"9999999999999d?\": longer than a year");
    assertThat(DurationConverter.parse(" 5s\n")).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void anAsNumberWithALineBreakIsRefusedOnOneLine() {
    assertThatThrownBy(() -> AsNumber.parse("asNumber", "645\n12"))
        .isExactlyInstanceOf(BadInputException.class)
        .hasMessage("asNumber \"645?12\": not an AS number (1..4294967295, or asdot like 1.10)");
    assertThat(AsNumber.parse("asNumber", "1.10")).isEqualTo(65546L);
  }
}
