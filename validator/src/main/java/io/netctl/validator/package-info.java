/**
 * The checker: expectations (allocations, Calico objects, netctl.yaml's {@link
 * io.netctl.validator.Intent}) and observations (sessions, routes, kernel tables) in, {@link
 * io.netctl.validator.Finding findings} out. {@link io.netctl.validator.Checker} is the one entry:
 * {@code netctl check}, {@code netctl validate}, the controller's drift loop and the agent build a
 * {@link io.netctl.validator.CheckRequest} (scopes, one read of the datastore as a {@link
 * io.netctl.validator.ClusterState}, typed sources from {@code observe}) and run it. Checks never
 * throw for what they find; they return findings with stable codes ({@link
 * io.netctl.validator.Code}); no other module constructs a finding. A check that cannot run says
 * so in the {@link io.netctl.validator.Report} (never silently skipped). Presentation lives in
 * {@link io.netctl.validator.report}.
 */
package io.netctl.validator;
