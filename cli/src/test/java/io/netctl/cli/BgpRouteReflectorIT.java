package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.ipam.calico.CalicoJson;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.EtcdSettings;
import io.netctl.ipam.store.EtcdStore;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Txn;
import io.netctl.lab.Bird;
import io.netctl.lab.EtcdExtension;
import io.netctl.lab.Lab;
import io.netctl.lab.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end in network namespaces: netctl applies the Calico BGP objects to a real etcd; a BIRD
 * route reflector runs the configuration {@code bgp render-rr} prints; two BIRD clients run what
 * confd would render from the applied objects (a test-side renderer of the {@code Global_<ip>}
 * protocol, reference C.2). The sessions come up with the node password, and each client learns
 * the other's /27 through the reflector.
 */
class BgpRouteReflectorIT {
  @RegisterExtension static EtcdExtension etcd = new EtcdExtension(1);
  static final ObjectMapper M = new ObjectMapper();
  static final Map<String, String> SECRETS = Map.of("bgp/rr", "s3cret-rr");

  @TempDir Path home;

  @Test
  void aReflectorFromRenderRrReflectsTheBlocksOfClientsConfiguredFromTheAppliedObjects() throws Exception {
    Path config = Files.writeString(home.resolve("netctl.yaml"), """
        asNumber: 64512
        ranges: [10.3.240.0/21]
        routeReflectors:
          - {name: rr-1, ip: 172.31.0.1, clusterId: 1.0.0.1}
        bgpPassword: {secretKeyRef: {name: bgp, key: rr}}
        """);
    CliHarness cli = new CliHarness(home).env("NETCTL_CONFIG", config.toString()).env("ETCD_ENDPOINTS", etcd.cluster().endpointsFlag());
    try (Lab lab = Lab.create("bgp-rr"); KvStore store = new EtcdStore(EtcdSettings.plain(etcd.cluster().endpoints()).withTimeout(io.netctl.lab.EtcdCluster.CLIENT_TIMEOUT))) {
      Lab.Host rrHost = lab.host("rr", "172.31.0.1/24");
      Lab.Host aHost = lab.host("a", "172.31.0.2/24");
      Lab.Host bHost = lab.host("b", "172.31.0.3/24");

      assertThat(cli.run("allocate", "node-a", "--host-ip", "172.31.0.2").code()).isZero();
      assertThat(cli.run("allocate", "node-b", "--host-ip", "172.31.0.3").code()).isZero();
      calicoNode(store, "node-a", "172.31.0.2/24");
      calicoNode(store, "node-b", "172.31.0.3/24");
      CliHarness.Run apply = cli.run("bgp", "apply");
      assertThat(apply.code()).as(apply.toString()).isZero();

      // the reflector: exactly what render-rr prints, checked by BIRD's parser first
      Path pw = Files.writeString(lab.dir().resolve("rr.pw"), SECRETS.get("bgp/rr"));
      CliHarness.Run render = cli.run("bgp", "render-rr", "--rr", "rr-1", "--password-file", "bgp/rr=" + pw);
      assertThat(render.code()).as(render.toString()).isZero();
      Path rrConf = Files.writeString(lab.dir().resolve("rr.conf"), render.out());
      Proc.Result parse = Proc.run("bird", "-p", "-c", rrConf.toString());
      assertThat(parse.exitCode()).as("bird -p -c: " + parse.stderr()).isZero();

      // the clients: what confd would render from the objects in etcd
      Path aConf = Files.writeString(lab.dir().resolve("a.conf"), ConfdClientConfig.render(store, "172.31.0.2", "10.3.240.0/27", SECRETS));
      Path bConf = Files.writeString(lab.dir().resolve("b.conf"), ConfdClientConfig.render(store, "172.31.0.3", "10.3.240.32/27", SECRETS));
      for (Path p : List.of(aConf, bConf)) {
        assertThat(Proc.run("bird", "-p", "-c", p.toString()).exitCode()).as(p + " parses").isZero();
      }
      Bird rr = Bird.start(rrHost, render.out());
      Bird a = Bird.start(aHost, Files.readString(aConf));
      Bird b = Bird.start(bHost, Files.readString(bConf));

      rr.awaitEstablished("172.31.0.2", "172.31.0.3");
      a.awaitEstablished("172.31.0.1");
      b.awaitEstablished("172.31.0.1");
      // node-b's /27 at node-a and node-a's /27 at node-b, through the reflector
      a.awaitRoutes("10.3.240.32/27");
      b.awaitRoutes("10.3.240.0/27");
      String reflected = a.birdc("show", "route", "all", "10.3.240.32/27");
      assertThat(reflected).contains("BGP.originator_id: 172.31.0.3").contains("BGP.cluster_list: 1.0.0.1").contains("via 172.31.0.3");
      assertThat(rr.birdc("show", "protocols", "all", "Global_172_31_0_2")).contains("route-reflector");

      // the password went to BIRD from a file, never into the datastore
      assertThat(store.range("/").kvs()).noneMatch(kv -> kv.value().contains(SECRETS.get("bgp/rr")));

      // bgp show lists the sessions BIRD runs, on both sides
      JsonNode show = M.readTree(cli.run("bgp", "show", "-o", "json").out());
      for (JsonNode n : show.get("nodes")) {
        assertThat(n.get("protocols")).extracting(p -> p.get("name").asText()).containsExactly("Global_172_31_0_1");
      }
      assertThat(show.at("/routeReflectors/0/protocols")).extracting(p -> p.get("name").asText())
          .containsExactly("Global_172_31_0_2", "Global_172_31_0_3");
    }
  }

  /** A Calico Node as calico-node's startup writes it (reference A.5). */
  static void calicoNode(KvStore store, String name, String cidr) {
    String json = """
        {"kind":"Node","apiVersion":"projectcalico.org/v3","metadata":{"name":"%s","uid":"%s","creationTimestamp":"2026-01-02T03:04:05Z",\
        "labels":{"kubernetes.io/hostname":"%s"}},"spec":{"bgp":{"ipv4Address":"%s"},"orchRefs":[{"nodeName":"%s","orchestrator":"k8s"}]},"status":{}}"""
        .formatted(name, java.util.UUID.randomUUID(), name, cidr, name);
    assertThat(store.commit(Txn.builder().create(CalicoKeys.NODES + name, json).build()).succeeded()).isTrue();
  }

  /**
   * The part of confd's bird.cfg a client needs (reference C.2), in BIRD 2 syntax: the global
   * settings from BGPConfiguration {@code default}, one {@code Global_<ip>} protocol per global
   * BGPPeer (skipping the node's own IP), and the node's block as a blackhole that the export
   * filter announces (bird_aggr.cfg, C.3). Reads the stored JSON directly, not netctl's model.
   * {@code secrets} holds the Secrets confd can read, as {@code name/key}; a peer whose Secret it
   * cannot read gets no password, as confd renders it.
   */
  static final class ConfdClientConfig {
    static String render(KvStore store, String nodeIp, String block, Map<String, String> secrets) {
      KeyValue config = store.get(CalicoKeys.BGPCONFIGURATIONS + "default").orElseThrow();
      JsonNode spec = CalicoJson.parse(config.key(), config.value()).get("spec");
      String as = spec.path("asNumber").asText("64512");
      boolean mesh = spec.path("nodeToNodeMeshEnabled").asBoolean(true);
      StringBuilder s = new StringBuilder();
      s.append("router id ").append(nodeIp).append(";\n");
      s.append("protocol device { scan time 10; }\n");
      s.append("protocol direct { ipv4; interface -\"cali*\", -\"kube-ipvs*\", \"*\"; }\n");
      s.append("protocol kernel { learn; persist; scan time 2; graceful restart; merge paths on;\n");
      s.append("  ipv4 { import all; export where source = RTS_BGP; }; }\n");
      s.append("protocol static blocks { ipv4; route ").append(block).append(" blackhole; }\n");
      s.append("function calico_export_to_bgp_peers() {\n  if ( net = ").append(block).append(" ) then accept;\n  if ( net ~ ")
          .append(block).append(" ) then reject;\n}\n");
      s.append("template bgp bgp_template {\n  local as ").append(as).append(";\n  graceful restart;\n")
          .append("  connect delay time 2;\n  connect retry time 5;\n  error wait time 5,30;\n}\n");
      s.append(mesh ? "# Node-to-node mesh enabled (not rendered by this test)\n" : "# Node-to-node mesh disabled\n");
      for (KeyValue kv : store.range(CalicoKeys.BGPPEERS).kvs()) {
        JsonNode p = CalicoJson.parse(kv.key(), kv.value()).get("spec");
        if (!p.path("node").asText("").isEmpty() || !p.path("nodeSelector").asText("").isEmpty()) {
          continue; // not global
        }
        String ip = p.path("peerIP").asText();
        if (ip.equals(nodeIp)) {
          s.append("# Skipping ourselves (").append(ip).append(")\n");
          continue;
        }
        s.append("protocol bgp Global_").append(ip.replace('.', '_')).append(" from bgp_template {\n");
        s.append("  ttl security off;\n  multihop;\n");
        s.append("  neighbor ").append(ip).append(" as ").append(p.path("asNumber").asText(as)).append(";\n");
        s.append("  source address ").append(nodeIp).append(";\n");
        JsonNode ref = p.at("/password/secretKeyRef");
        String password = ref.isMissingNode() ? null : secrets.get(ref.get("name").asText() + "/" + ref.get("key").asText());
        if (password != null) {
          s.append("  password \"").append(password).append("\";\n");
        } else if (!ref.isMissingNode()) {
          // confd client.go getPassword: a Secret it cannot read renders no password (a warning in its log only)
          s.append("# no password: the Secret cannot be read\n");
        }
        s.append("  ipv4 { gateway recursive; add paths on; import all; export filter { calico_export_to_bgp_peers(); reject; }; };\n}\n");
      }
      return s.toString();
    }
  }
}
