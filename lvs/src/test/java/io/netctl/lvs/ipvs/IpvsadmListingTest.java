package io.netctl.lvs.ipvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netctl.ipam.BadInputException;
import io.netctl.lvs.ipvs.IpvsadmListing.RealServer;
import io.netctl.lvs.ipvs.IpvsadmListing.VirtualService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code fullnat.txt} follows ipvsadm 1.x's {@code -Ln} format (header, service lines, {@code ->}
 * real-server lines with forwarding method, weight and connection counts; FullNat as the FULLNAT
 * kernels print it). IPVS cannot run on the test machine's kernel (no CONFIG_IP_VS), so the
 * listing is written by hand in that format.
 */
class IpvsadmListingTest {
  static String fixture(String name) throws IOException {
    try (InputStream in = IpvsadmListingTest.class.getResourceAsStream("/io/netctl/lvs/ipvs/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void parsesServicesAndRealServers() throws IOException {
    IpvsadmListing l = IpvsadmListing.parse("fullnat.txt", fixture("fullnat.txt"));
    assertThat(l.services()).extracting(VirtualService::toString)
        .containsExactly("TCP 10.3.214.100:80", "TCP 10.3.214.100:443", "UDP 10.3.214.101:53", "FWM 100", "TCP [2001:db8::100]:80");
    VirtualService web = l.services().get(0);
    assertThat(web.scheduler()).isEqualTo("wrr");
    assertThat(web.realServers()).extracting(RealServer::endpoint).containsExactly("10.3.240.5:8080", "10.3.240.37:8080", "10.3.240.70:8080");
    assertThat(web.realServers().get(0)).isEqualTo(new RealServer("10.3.240.5", 8080, "FullNat", 100, 5));
    RealServer v6 = l.services().get(3).realServers().get(0);
    assertThat(v6.ipv4()).isFalse();
    assertThat(v6.address()).isEqualTo("2001:db8::5");
    assertThat(l.services().get(4).realServers()).isEmpty();
  }

  @Test
  void malformedInputNamesTheLine() {
    assertThatThrownBy(() -> IpvsadmListing.parse("x.txt", "TCP  10.3.214.100:80 rr\n  -> 10.3.240.5:8080 FullNat 1 0\n"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("x.txt:2: not a line of ipvsadm -Ln output: \"-> 10.3.240.5:8080 FullNat 1 0\"");
    assertThatThrownBy(() -> IpvsadmListing.parse("x.txt", "TCP  web.example:http rr\n"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("x.txt:1: virtual service address \"web.example:http\" is not IP:PORT (use ipvsadm -Ln: numeric)");
    assertThatThrownBy(() -> IpvsadmListing.parse("x.txt", "  -> 10.3.240.5:8080 Masq 1 0 0\n"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("x.txt:1: a real server before any virtual service");
    assertThatThrownBy(() -> IpvsadmListing.parse("x.txt", "TCP  10.3.214.100:80 rr\n  -> 10.3.240.300:8080 Masq 1 0 0\n"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("x.txt:2: real server address 10.3.240.300 is not an IPv4 address");
    assertThatThrownBy(() -> IpvsadmListing.parse("stdin", "\n\n"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("stdin: empty; expected the output of ipvsadm -Ln");
  }

  @Test
  void aWeightBeyondAnIntIsAClearError() {
    // found by IpvsadmListingFuzzTest (seed weight-beyond-int): Integer.parseInt threw NumberFormatException
    assertThatThrownBy(() -> IpvsadmListing.parse("x.txt", "TCP  10.3.214.100:80 rr\n  -> 10.3.240.5:8080 Masq 99999999999 0 0\n"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("x.txt:2: weight 99999999999 is out of range: \"-> 10.3.240.5:8080 Masq 99999999999 0 0\"");
    assertThat(IpvsadmListing.parse("x.txt", "TCP  10.3.214.100:80 rr\n  -> 10.3.240.5:8080 Masq 2147483647 0 0\n")
        .services().get(0).realServers().get(0).weight()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void anEmptyTableIsValid() {
    assertThat(IpvsadmListing.parse("x", "IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n"
        + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n").services()).isEmpty();
  }
}
