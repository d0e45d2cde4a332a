package io.netctl.validator;

import io.netctl.validator.observe.BirdSource;
import io.netctl.validator.observe.BmpSource;
import io.netctl.validator.observe.MonitorSource;
import io.netctl.validator.observe.RestartMemory;
import io.netctl.bgp.calico.SecretRef;
import io.netctl.validator.observe.RouteTableSource;
import io.netctl.validator.observe.SecretSource;
import io.netctl.validator.observe.TcpSource;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One run of the checks: which checks, on which read of the datastore, with which observation
 * sources. A source left null was not given; the checks that need it say so in the report.
 *
 * @param scopes the groups of checks to run
 * @param state one read of the datastore (or a snapshot), or null when there is none
 * @param noState why there is no state (for the report), when {@code state} is null
 * @param now the time of the run (from the caller's clock)
 * @param host whose kernel {@code tcp} and {@code routes} observe, or null
 * @param bird BIRD's protocols, or null
 * @param birdOf whose BIRD it is, or null for {@code host}
 * @param tcp the host's TCP table, or null
 * @param routes the host's kernel routing tables, or null
 * @param monitor netctl's monitor sessions to the route reflectors, or null
 * @param bmp the route reflectors' BMP feeds, or null
 * @param secrets the BGP password Secrets as calico-node reads them, or null
 * @param renderedPasswords the passwords {@code netctl bgp render-rr} was given, by reference (may be empty)
 * @param restartMemory the sessions' graceful restart as last seen up, kept across runs by a
 *     long-running process; null for a run of its own (it then remembers its BIRD reads only)
 * @param tolerant whether a source that cannot be read is a check that did not run (a long-running
 *     process: the controller, the agent) rather than an error of the whole run (a command)
 * @param churn the pools' route changes the long-lived sessions counted ({@code route-flapping}), or null
 */
public record CheckRequest(
    Set<CheckKind> scopes, ClusterState state, String noState, Instant now, HostRef host, BirdSource bird, HostRef birdOf, TcpSource tcp,
    RouteTableSource routes, MonitorSource monitor, BmpSource bmp, SecretSource secrets, Map<SecretRef, String> renderedPasswords,
    boolean tolerant, RestartMemory restartMemory, io.netctl.validator.routes.RouteChurn churn) {

  public CheckRequest {
    renderedPasswords = renderedPasswords == null ? Map.of() : Map.copyOf(renderedPasswords);
    scopes = scopes.isEmpty() ? EnumSet.noneOf(CheckKind.class) : EnumSet.copyOf(scopes);
    Objects.requireNonNull(now, "now");
    if (state == null && noState == null) {
      throw new IllegalArgumentException("a request without a state needs the reason");
    }
  }

  public boolean wants(CheckKind k) {
    return scopes.contains(k);
  }

  public static Builder builder(Set<CheckKind> scopes, Instant now) {
    return new Builder(scopes, now);
  }

  /** Builds a request; every source is optional. */
  public static final class Builder {
    private final Set<CheckKind> scopes;
    private final Instant now;
    private ClusterState state;
    private String noState;
    private HostRef host;
    private BirdSource bird;
    private HostRef birdOf;
    private TcpSource tcp;
    private RouteTableSource routes;
    private MonitorSource monitor;
    private BmpSource bmp;
    private SecretSource secrets;
    private Map<SecretRef, String> renderedPasswords = Map.of();
    private boolean tolerant;
    private io.netctl.validator.routes.RouteChurn churn;
    private RestartMemory restartMemory;

    private Builder(Set<CheckKind> scopes, Instant now) {
      this.scopes = scopes;
      this.now = now;
    }

    public Builder state(ClusterState s) {
      this.state = s;
      return this;
    }

    /** No datastore: the checks that need the allocations do not run, for this reason. */
    public Builder noState(String why) {
      this.noState = why;
      return this;
    }

    public Builder host(HostRef h) {
      this.host = h;
      return this;
    }

    public Builder bird(BirdSource b, HostRef of) {
      this.bird = b;
      this.birdOf = of;
      return this;
    }

    public Builder tcp(TcpSource t) {
      this.tcp = t;
      return this;
    }

    public Builder routes(RouteTableSource r) {
      this.routes = r;
      return this;
    }

    public Builder monitor(MonitorSource m) {
      this.monitor = m;
      return this;
    }

    public Builder bmp(BmpSource b) {
      this.bmp = b;
      return this;
    }

    /** The password Secrets as calico-node reads them, and the passwords render-rr was given ({@code --password-file}). */
    public Builder passwords(SecretSource s, Map<SecretRef, String> rendered) {
      this.secrets = s;
      this.renderedPasswords = rendered;
      return this;
    }

    public Builder tolerant(boolean t) {
      this.tolerant = t;
      return this;
    }

    /** The route changes the long-lived monitor sessions and BMP feed counted. */
    public Builder churn(io.netctl.validator.routes.RouteChurn c) {
      this.churn = c;
      return this;
    }

    /** The memory of the sessions' graceful restart that a long-running process keeps across its runs. */
    public Builder restartMemory(RestartMemory m) {
      this.restartMemory = m;
      return this;
    }

    public CheckRequest build() {
      return new CheckRequest(scopes, state, noState, now, host, bird, birdOf, tcp, routes, monitor, bmp, secrets, renderedPasswords, tolerant,
          restartMemory, churn);
    }
  }
}
