package io.netctl.ipam.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.ipam.store.EtcdFailure.Kind;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** What each of etcd's and gRPC's answers lets netctl do (descriptions as etcd 3.4's rpctypes write them). */
class EtcdFailureTest {

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      // an election: etcd cannot serve now, another member or a moment later can
      "UNAVAILABLE | etcdserver: leader changed | ELECTION",
      "UNAVAILABLE | etcdserver: no leader | ELECTION",
      "UNAVAILABLE | etcdserver: request timed out | ELECTION",
      "UNAVAILABLE | etcdserver: request timed out, possibly due to previous leader failure | ELECTION",
      "UNAVAILABLE | etcdserver: request timed out, possibly due to connection lost | ELECTION",
      "UNAVAILABLE | etcdserver: server stopped | ELECTION",
      "UNAVAILABLE | etcdserver: unhealthy cluster | ELECTION",
      "UNKNOWN | raft proposal dropped | ELECTION",
      // busy
      "RESOURCE_EXHAUSTED | etcdserver: too many requests | BUSY",
      // gRPC's own: the connection
      "UNAVAILABLE | io exception: Connection refused: /127.0.0.1:2379 | UNREACHABLE",
      "UNAVAILABLE | Network closed for unknown reason | UNREACHABLE",
      "CANCELLED | RST_STREAM closed stream | UNREACHABLE",
      "UNKNOWN | channel closed: StacklessClosedChannelException | UNREACHABLE",
      "UNKNOWN | io exception: Connection reset by peer | UNREACHABLE",
      "DEADLINE_EXCEEDED | deadline exceeded after 4.9s | NO_ANSWER",
      // for good
      "PERMISSION_DENIED | etcdserver: permission denied | REFUSED",
      "INVALID_ARGUMENT | etcdserver: too many operations in txn request | REFUSED",
      "INVALID_ARGUMENT | etcdserver: duplicate key given in txn request | REFUSED",
      "OUT_OF_RANGE | etcdserver: mvcc: required revision has been compacted | REFUSED",
      "UNAUTHENTICATED | etcdserver: invalid auth token | REFUSED",
      "UNKNOWN | something else | REFUSED",
  })
  void classifies(String code, String description, Kind kind) {
    EtcdFailure f = EtcdFailure.of(code, description, false);
    assertThat(f.kind()).isEqualTo(kind);
    assertThat(f.detail()).isEqualTo(code + ": " + description);
    assertThat(f.retryable()).isEqualTo(kind != Kind.REFUSED);
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "UNAVAILABLE | etcdserver: request timed out | true",
      "UNAVAILABLE | etcdserver: leader changed | true",
      "UNAVAILABLE | io exception: Connection reset by peer | true",
      "DEADLINE_EXCEEDED | deadline exceeded | true",
      "UNKNOWN | channel closed: StacklessClosedChannelException | true",
      // turned away before it was proposed
      "UNAVAILABLE | etcdserver: no leader | false",
      "RESOURCE_EXHAUSTED | etcdserver: too many requests | false",
      "UNKNOWN | raft proposal dropped | false",
      "PERMISSION_DENIED | etcdserver: permission denied | false",
  })
  void whetherATransactionThatFailedSoMayHaveBeenApplied(String code, String description, boolean unknown) {
    assertThat(EtcdFailure.of(code, description, false).outcomeUnknown()).isEqualTo(unknown);
    assertThat(EtcdFailure.noAnswer(Duration.ofSeconds(2)).outcomeUnknown()).isTrue();
  }

  @Test
  void aTlsFailureIsNeverRetriedEvenWhenGrpcCallsItUnavailable() {
    EtcdFailure f = EtcdFailure.of("UNAVAILABLE", "io exception: PKIX path building failed", true);
    assertThat(f.kind()).isEqualTo(Kind.REFUSED);
    assertThat(f.retryable()).isFalse();
  }

  @Test
  void noDescriptionAndNoAnswer() {
    assertThat(EtcdFailure.of("UNAVAILABLE", null, false)).isEqualTo(new EtcdFailure(Kind.UNREACHABLE, "UNAVAILABLE"));
    assertThat(EtcdFailure.of(null, "  ", false)).isEqualTo(new EtcdFailure(Kind.REFUSED, "UNKNOWN"));
    assertThat(EtcdFailure.noAnswer(Duration.ofMillis(1666))).isEqualTo(new EtcdFailure(Kind.NO_ANSWER, "no answer within 1.7 s"));
  }
}
