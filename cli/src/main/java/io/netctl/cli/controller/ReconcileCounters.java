package io.netctl.cli.controller;

/** Where the reconciler counts what it did (the metrics). */
public interface ReconcileCounters {
  ReconcileCounters NONE = new ReconcileCounters() {
    @Override
    public void allocation(String result) {}

    @Override
    public void release(String result) {}
  };

  /** One allocation attempt: created, existing, host_ip_set, host_ip_updated, refused, failed. */
  void allocation(String result);

  /** One release attempt: released, in_use, node_present, already_released, contention, failed. */
  void release(String result);

  /** One pass of the reconcile loop's timer (due releases and retries); a loop that stops ticking is stuck. */
  default void tick() {}
}
