package io.netctl.lvs.iproute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netctl.ipam.BadInputException;
import io.netctl.lab.Lab;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.RouteChange;
import io.netctl.lvs.RouteTable;
import io.netctl.lvs.RouteTableContract;
import io.netctl.lvs.RouteTableException;
import io.netctl.lvs.Routes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract on the kernel, each test in a fresh network namespace of one lab. */
class IprouteTableIT extends RouteTableContract {
  static Lab lab;
  static int seq;
  final List<String> namespaces = new ArrayList<>();

  @BeforeAll
  static void lab() {
    lab = Lab.create("iproute");
  }

  @AfterAll
  static void close() {
    if (lab != null) {
      lab.close();
    }
  }

  @Override
  protected RouteTable table() {
    Lab.Host h = lab.host("t" + (++seq), "172.31.0.1/24");
    return IprouteTable.of(h.ns());
  }

  @Override
  protected void putForeign(RouteTable t, KernelRoute r) {
    String ns = t.describe().substring("network namespace ".length());
    io.netctl.lab.Proc.ok("ip", "-n", ns, "route", "add", r.dst().toString(), "via", r.gateway().toCanonicalString(),
        "proto", String.valueOf(r.protocol()), "metric", String.valueOf(r.metric()), "table", String.valueOf(r.table()));
  }

  @Test
  void withoutCapNetAdminEveryChangeIsRefusedWithOneClearError() {
    Lab.Host h = lab.host("eperm", "172.31.0.1/24");
    RouteTable t = new IprouteTable(List.of("setpriv", "--inh-caps=-net_admin", "--bounding-set=-net_admin", "--", "ip"), h.ns());
    assertThat(t.list()).isNotEmpty(); // reading needs no privilege
    assertThatThrownBy(() -> t.apply(List.of(new RouteChange.Add(Routes.owned("10.3.240.0/27", "172.31.0.2")))))
        .isInstanceOf(RouteTableException.class)
        .hasMessageContaining("no permission to change routes in network namespace " + h.ns())
        .hasMessageContaining("no route was changed");
    assertThat(IprouteTable.of(h.ns()).list()).noneMatch(KernelRoute::owned);
  }

  @Test
  void missingIpAndMissingNamespaceAreClearErrors() {
    assertThatThrownBy(() -> new IprouteTable(List.of("/nonexistent/ip"), null).list())
        .isInstanceOf(RouteTableException.class)
        .hasMessage("cannot run /nonexistent/ip (iproute2): not found; install iproute2");
    assertThatThrownBy(() -> IprouteTable.of("nctl-no-such-namespace").list())
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("network namespace \"nctl-no-such-namespace\" does not exist");
  }
}
