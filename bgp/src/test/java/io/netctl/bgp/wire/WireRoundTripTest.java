package io.netctl.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Valid messages ({@link RandomMessages}) round-trip exactly: written, read back equal, and written
 * again to the same bytes, on 2- and 4-octet sessions. Over seeded random messages in every build,
 * and with the fuzzer's bytes choosing the messages from bench/fuzz.sh.
 */
class WireRoundTripTest {
  static final WireOptions TWO = new WireOptions(false, true, true);
  static final WireOptions FOUR = new WireOptions(true, true, true);

  @Test
  void validMessagesRoundTripOnFourOctetSessions() {
    for (long seed = 0; seed < 2000; seed++) {
      roundTrip(new RandomMessages(new SplittableRandom(seed)).message(true), FOUR);
    }
  }

  @Test
  void validMessagesRoundTripOnTwoOctetSessions() {
    for (long seed = 0; seed < 1000; seed++) {
      roundTrip(new RandomMessages(new SplittableRandom(seed)).message(false), TWO);
    }
  }

  @FuzzTest
  void validMessages(FuzzedDataProvider data) {
    boolean four = data.consumeBoolean();
    roundTrip(new RandomMessages(data::consumeLong).message(four), four ? FOUR : TWO);
  }

  static void roundTrip(BgpMessage m, WireOptions o) {
    byte[] bytes = MessageWriter.write(m, o);
    BgpMessage back = MessageReader.read(bytes, o, issue -> {
      throw new AssertionError("finding on a valid message: " + issue + " for " + m);
    });
    assertThat(back).as("read back").isEqualTo(m);
    assertThat(MessageWriter.write(back, o)).as("written again").isEqualTo(bytes);
  }
}
