package io.netctl.lvs.ipvs;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netctl.ipam.BadInputException;
import io.netctl.lvs.Routes;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Arbitrary bytes as {@code ipvsadm -Ln} output (what {@code netctl lvs coverage} reads):
 * {@link IpvsadmListing} gives a listing or one {@link BadInputException} with a one-line message,
 * and the coverage check copes with any listing it gives. Seed ({@code IpvsadmListingFuzzTestInputs/}):
 * the FULLNAT listing of {@link CoverageTest}.
 */
class IpvsadmListingFuzzTest {
  @FuzzTest
  void ipvsadmListing(byte[] output) {
    IpvsadmListing listing;
    try {
      listing = IpvsadmListing.parse("ipvsadm", new String(output, StandardCharsets.UTF_8));
    } catch (BadInputException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
      return;
    }
    Coverage.check(listing, Routes.RANGES, CoverageTest.ALLOCS, List.of(Routes.owned("10.3.240.0/27", "172.31.0.2")), Routes.MAIN);
  }
}
