/**
 * The in-cluster controller's logic, free of Kubernetes client types: {@link
 * io.netctl.cli.controller.Reconciler} decides from Node events, full Node lists and an injected
 * clock when to allocate, record a new host IP, release a deleted Node's pool after its grace
 * period, or only report; {@link io.netctl.cli.controller.DriftLoop} runs a {@link
 * io.netctl.cli.controller.DriftCheck} ({@link io.netctl.cli.controller.NetworkDriftCheck}: the
 * validator's checker with the controller's long-lived monitor sessions and BMP feed) every interval and logs findings when they appear and
 * resolve; {@link io.netctl.cli.controller.Controller} puts both on their threads and writes only
 * while it leads. The Kubernetes side lives in {@code io.netctl.cli.kube}.
 */
package io.netctl.cli.controller;
