package io.netctl.bgp.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.lab.Bird;
import io.netctl.lab.BirdConfig;
import io.netctl.lab.Frr;
import io.netctl.lab.FrrConfig;
import io.netctl.lab.Lab;
import io.netctl.lab.Poll;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * TCP-MD5 (RFC 2385) through netty's epoll transport, against BIRD (rr1, 172.31.0.1) and FRR
 * (rr2, 172.31.0.5), both expecting the password "s3cret" from 172.31.0.9 and 172.31.0.10. One
 * probe (child JVM in namespace nc, see {@link BgpInteropIT}) connects from .9 with the right
 * password, another from .10 with a wrong one: no session, and a reason that says so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TcpMd5IT {
  static final Duration WAIT = Duration.ofSeconds(30);
  Lab lab;
  ProbeLog right;
  ProbeLog wrong;

  @BeforeAll
  void startLab() {
    lab = Lab.create("bgp-md5");
    Lab.Host rr1 = lab.host("rr1", "172.31.0.1/24");
    Lab.Host rr2 = lab.host("rr2", "172.31.0.5/24");
    Lab.Host b = lab.host("b", "172.31.0.2/24");
    Lab.Host nc = lab.host("nc", "172.31.0.9/24");
    nc.ok("ip", "addr", "add", "172.31.0.10/24", "dev", "eth0");
    Bird.start(rr1, BirdConfig.reflector("172.31.0.1", "1.0.0.1").peer("172.31.0.2")
        .peer("172.31.0.9", "passive on;", "password \"s3cret\";").peer("172.31.0.10", "passive on;", "password \"s3cret\";"));
    Frr.start(rr2, FrrConfig.reflector("172.31.0.5", "1.0.0.5").peer("172.31.0.2")
        .peer("172.31.0.9", "passive", "password s3cret").peer("172.31.0.10", "passive", "password s3cret"));
    Bird.start(b, BirdConfig.node("172.31.0.2").announce("10.3.240.0/27").peer("172.31.0.1").peer("172.31.0.5"));
    right = ProbeLog.start(nc, "right.log", "bgp", "172.31.0.1,64512,64512,172.31.0.9,172.31.0.9,9,s3cret",
        "172.31.0.5,64512,64512,172.31.0.9,172.31.0.9,9,s3cret");
    wrong = ProbeLog.start(nc, "wrong.log", "bgp", "172.31.0.1,64512,64512,172.31.0.10,172.31.0.10,9,letmein",
        "172.31.0.5,64512,64512,172.31.0.10,172.31.0.10,9,letmein");
  }

  @AfterAll
  void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void rightPasswordEstablishesWithBirdAndFrr() {
    for (String rr : List.of("172.31.0.1", "172.31.0.5")) {
      Poll.until(WAIT, () -> "route via TCP-MD5 session to " + rr + "\n" + right.text(),
          () -> right.routes(rr).containsKey("10.3.240.0/27"));
      assertThat(right.rib(rr).path("state").asText()).isEqualTo("Established");
    }
  }

  @Test
  void wrongPasswordGivesNoSessionAndAClearReason() {
    for (String rr : List.of("172.31.0.1", "172.31.0.5")) {
      Poll.until(WAIT, () -> "two failed attempts to " + rr + "\n" + wrong.text(), () -> failures(rr).size() >= 2);
      assertThat(failures(rr)).allSatisfy(reason -> assertThat(reason)
          .isEqualTo("connect timed out after 2 s (" + rr + ":179); TCP-MD5 is on, and a wrong password looks just like this"));
      assertThat(wrong.of("state")).noneMatch(s -> s.path("to").asText().equals("OpenSent"));
    }
  }

  List<String> failures(String rr) {
    return wrong.of("state").stream()
        .filter(s -> s.path("peer").asText().equals(rr) && !s.path("reason").isNull())
        .map(s -> s.path("reason").asText())
        .toList();
  }

}
