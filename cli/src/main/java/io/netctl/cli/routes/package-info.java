/**
 * The routes-ready gate: {@code netctl wait-routes NODE} and {@code netctl allocate --wait-routes}.
 * It watches the sources the check's observation flags give ({@link
 * io.netctl.cli.check.ObservationOptions#poolWatch}: monitor sessions, BMP, a director's table) until a
 * node's pool is present with the right next hop at each ({@link
 * io.netctl.validator.routes.PoolPresence} judges one look), or a deadline; the wait's time comes from
 * an injected clock ({@link io.netctl.cli.routes.RouteWait}).
 */
package io.netctl.cli.routes;
