/**
 * {@code netctl agent}, one per node (a DaemonSet with hostNetwork): what operators do with
 * netstat by hand, as metrics and findings. Every interval it gives the validator's {@link
 * io.netctl.validator.Checker} this node's sources (BIRD's socket, the kernel's TCP table and
 * routing tables, one read of the datastore when there is one) and exports what it finds; the
 * checks themselves live in the validator module.
 */
package io.netctl.cli.agent;
