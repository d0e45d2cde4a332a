package io.netctl.lvs.ipvs;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netctl.ipam.BadInputException;
import java.nio.charset.StandardCharsets;

class IpvsadmListingFuzzTest {
  @FuzzTest
  void ipvsadmListing(byte[] input) {
    try {
      IpvsadmListing l = IpvsadmListing.parse("listing", new String(input, StandardCharsets.UTF_8));
      assertThat(l.services()).isNotNull();
    } catch (BadInputException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
    }
  }
}
