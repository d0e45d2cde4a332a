package io.netctl.ipam.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netctl.lab.EtcdCluster;
import io.netctl.lab.EtcdExtension;
import io.netctl.lab.Poll;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on a real etcd, plus what only a remote store can do wrong. */
class EtcdStoreIT extends KvStoreContract {
  @RegisterExtension static EtcdExtension etcd = new EtcdExtension(1);

  @Override
  protected KvStore newStore() {
    return newClient();
  }

  @Override
  protected KvStore newClient() {
    return new EtcdStore(EtcdSettings.plain(etcd.cluster().endpoints()).withTimeout(io.netctl.lab.EtcdCluster.CLIENT_TIMEOUT));
  }

  @Test
  void unreachableEtcdSpendsItsBudgetAndSaysNoOneAnswered() {
    int closed = EtcdCluster.freePort();
    try (EtcdStore s = new EtcdStore(EtcdSettings.plain(List.of(URI.create("http://127.0.0.1:" + closed))).withTimeout(Duration.ofSeconds(2)))) {
      assertThatThrownBy(() -> s.get("/k"))
          .isInstanceOfSatisfying(BudgetSpentException.class, e -> assertThat(e.why()).isEqualTo(BudgetSpentException.Why.NO_ANSWER))
          .hasMessageContaining("127.0.0.1:" + closed)
          .hasMessageContaining("did not answer a read within 2.0 s (--etcd-timeout, for each request)")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  /**
   * Two of three members gone: the survivor has no leader and, asked to require one, says so at
   * once; the request is tried again until the budget ends, and the message names the election.
   * A transaction turned away before it was proposed is not "of unknown outcome".
   */
  @Test
  void withoutAMajorityTheMessageSaysThereIsNoLeader() {
    try (EtcdCluster three = EtcdCluster.start(3)) {
      EtcdCluster.Member leader = three.leader();
      EtcdCluster.Member survivor = three.members().stream().filter(m -> m != leader).findFirst().orElseThrow();
      three.members().stream().filter(m -> m != survivor).forEach(three::kill);
      Poll.until(Duration.ofSeconds(30), "the survivor to know it has no leader", () -> !three.hasLeader(survivor));
      try (EtcdStore s = new EtcdStore(EtcdSettings.plain(three.endpoints()).withTimeout(Duration.ofSeconds(2)))) {
        assertThatThrownBy(() -> s.range("/"))
            .isInstanceOfSatisfying(BudgetSpentException.class, e -> assertThat(e.why()).isEqualTo(BudgetSpentException.Why.NO_LEADER))
            .hasMessageContaining("could not serve a read within 2.0 s")
            .hasMessageContaining("UNAVAILABLE: etcdserver: no leader");
        assertThatThrownBy(() -> s.commit(Txn.builder().create("/k", "v").build()))
            .isInstanceOfSatisfying(BudgetSpentException.class, e -> assertThat(e.why()).isEqualTo(BudgetSpentException.Why.NO_LEADER))
            .hasMessageContaining("could not serve a transaction");
      }
    }
  }

  /** A leader killed between requests of one client: the next ones go to the others and succeed. */
  @Test
  void oneClientRidesOutTheLeadersDeath() {
    try (EtcdCluster three = EtcdCluster.start(3);
        EtcdStore s = new EtcdStore(EtcdSettings.plain(three.endpoints()).withTimeout(Duration.ofSeconds(30)))) {
      for (int i = 0; i < 20; i++) {
        assertThat(s.commit(Txn.builder().create("/before/" + i, "v").build()).succeeded()).isTrue();
      }
      EtcdCluster.Member old = three.leader();
      three.kill(old);
      try {
        for (int i = 0; i < 20; i++) {
          assertThat(s.commit(Txn.builder().create("/after/" + i, "v").build()).succeeded()).as("create after the kill " + i).isTrue();
          assertThat(s.get("/after/" + i)).isPresent();
        }
      } catch (StoreException e) {
        throw new AssertionError(e.getMessage() + "\n" + three.logTails(30), e);
      }
      assertThat(s.range("/before/").kvs()).hasSize(20);
      assertThat(three.leader()).isNotSameAs(old);
    }
  }

  @Test
  void invalidEndpointIsRefusedUpFront() {
    assertThatThrownBy(() -> new EtcdStore(EtcdSettings.plain(List.of(URI.create("ftp://x:1")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ftp://x:1");
  }
}
