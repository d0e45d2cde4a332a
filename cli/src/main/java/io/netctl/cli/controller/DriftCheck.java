package io.netctl.cli.controller;

/**
 * One run of the network check, as the controller's drift loop calls it every interval. It reports
 * drift and never repairs it.
 */
public interface DriftCheck {
  /**
   * Runs every check it can; a check that cannot run is in the report as not run, with the reason.
   *
   * @throws io.netctl.ipam.store.StoreException when the datastore cannot be read at all
   */
  Drift run();

  /** The pools' route changes the check's long-lived sessions count (exported as metrics), or null. */
  default io.netctl.validator.routes.RouteChurn churn() {
    return null;
  }
}
