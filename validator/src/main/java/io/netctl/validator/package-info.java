/**
 * The checker: expectations (allocations, Calico objects, topology) and observations (sessions,
 * routes, kernel tables) in, {@link io.netctl.validator.Finding findings} out. Checks never throw
 * for what they find; they return findings with stable codes ({@link io.netctl.validator.Code}).
 * A check that cannot run says so in the {@link io.netctl.validator.Report} (never silently
 * skipped). Presentation lives in {@link io.netctl.validator.report}.
 */
package io.netctl.validator;
