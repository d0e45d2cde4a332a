package io.netctl.lab;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real etcd for a test class: {@code @RegisterExtension static EtcdExtension etcd = new
 * EtcdExtension(1);} starts it before the first test and stops it (by pid) after the last.
 */
public final class EtcdExtension implements BeforeAllCallback, AfterAllCallback {
  private final int size;
  private EtcdCluster cluster;

  public EtcdExtension(int size) {
    this.size = size;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster = EtcdCluster.start(size);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }

  public EtcdCluster cluster() {
    if (cluster == null) {
      throw new IllegalStateException("etcd is not running (use the extension as a static field)");
    }
    return cluster;
  }
}
