package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.ipam.NetctlKeys;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.EtcdSettings;
import io.netctl.ipam.store.EtcdStore;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.Txn;
import io.netctl.lab.EtcdCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One malformed record under /netctl/v1/ and one IPPool that is no JSON, in a real etcd: every
 * command keeps working for everything else, check reports both as record-malformed, and release
 * --force removes the record with the keys that name its node.
 */
class MalformedRecordsIT {
  static final ObjectMapper M = new ObjectMapper();
  @TempDir static Path home;
  static EtcdCluster etcd;
  static EtcdStore store;

  @BeforeAll
  static void start() {
    etcd = EtcdCluster.start(1);
    store = new EtcdStore(EtcdSettings.plain(etcd.endpoints()).withTimeout(io.netctl.lab.EtcdCluster.CLIENT_TIMEOUT));
  }

  @AfterAll
  static void stop() {
    store.close();
    etcd.close();
  }

  CliHarness.Run netctl(String... args) {
    return new CliHarness(home).env("ETCD_ENDPOINTS", etcd.endpointsFlag()).run(args);
  }

  @Test
  void everyCommandCarriesOnAroundThemAndReleaseForceRemovesTheRecord() throws Exception {
    assertThat(netctl("allocate", "node-a", "--host-ip", "10.3.0.1").code()).isZero();
    assertThat(netctl("allocate", "node-b", "--host-ip", "10.3.0.2").code()).isZero();
    KeyValue rec = store.get(NetctlKeys.allocation("node-a")).orElseThrow();
    store.commit(Txn.builder().update(rec, "{\"node\":\"node-a\",").create(CalicoKeys.IPPOOLS + "imported", "apiVersion: projectcalico.org/v3").build());

    CliHarness.Run c = netctl("allocate", "node-c");
    assertThat(c.code()).as(c.toString()).isZero();
    assertThat(c.out()).contains("node-c 10.3.240.64/27");
    assertThat(netctl("show", "node-b").code()).isZero();

    CliHarness.Run pools = netctl("pools", "-o", "json");
    assertThat(pools.code()).as(pools.toString()).isZero();
    JsonNode p = M.readTree(pools.out());
    assertThat(p.get("allocations")).hasSize(2);
    assertThat(p.get("ranges").get(0).get("used").asInt()).isEqualTo(2);
    assertThat(p.get("ranges").get(0).get("unavailable").asInt()).isEqualTo(1);
    assertThat(p.get("malformed")).hasSize(2);
    assertThat(p.get("malformed").get(1).get("key").asText()).isEqualTo("/netctl/v1/allocations/node-a");
    assertThat(p.get("malformed").get(1).get("node").asText()).isEqualTo("node-a");
    assertThat(p.get("malformed").get(1).get("cidr").asText()).isEqualTo("10.3.240.0/27");
    assertThat(netctl("pools").out()).contains("UNREADABLE RECORDS").contains("/netctl/v1/allocations/node-a: ");

    CliHarness.Run check = netctl("check", "--scope", "config", "--format", "json");
    assertThat(check.code()).as(check.toString()).isEqualTo(1);
    JsonNode findings = M.readTree(check.out()).get("findings");
    assertThat(findings).filteredOn(f -> f.get("subject").asText().contains("node-a") || f.get("subject").asText().contains("10.3.240.0"))
        .extracting(f -> f.get("code").asText()).containsOnly("record-malformed");
    assertThat(findings).filteredOn(f -> f.get("code").asText().equals("record-malformed"))
        .extracting(f -> f.get("code").asText() + " " + f.get("subject").asText()).containsExactlyInAnyOrder(
        "record-malformed " + CalicoKeys.IPPOOLS + "imported",
        "record-malformed /netctl/v1/allocations/node-a");

    CliHarness.Run release = netctl("release", "node-a", "--force");
    assertThat(release.code()).as(release.toString()).isZero();
    // node-a had no Calico Node, so its allocation was pending: record, two indexes and the IPPool (no block, no affinity)
    assertThat(release.out()).startsWith("node-a: unreadable record removed (4 keys deleted)");
    assertThat(store.range(NetctlKeys.ROOT).kvs()).extracting(KeyValue::key).noneMatch(k -> k.contains("node-a") || k.contains("10.3.240.0-27")
        || k.endsWith("10.3.0.1"));
    assertThat(netctl("allocate", "node-a", "--host-ip", "10.3.0.1").out()).contains("node-a 10.3.240.0/27");
  }
}
