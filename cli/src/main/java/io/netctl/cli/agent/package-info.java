/**
 * {@code netctl agent}, one per node (a DaemonSet with hostNetwork): what operators do with
 * netstat by hand, as metrics and findings. {@link io.netctl.cli.agent.NodeCheck} turns one round
 * of observations (the kernel's port-179 sessions, BIRD's protocols, the kernel's routes to the other
 * nodes' pools) into findings and per-peer session state; {@link io.netctl.cli.agent.FlapCounter}
 * counts flaps between polls; {@link io.netctl.cli.agent.NodeObserver} gathers the observations.
 */
package io.netctl.cli.agent;
