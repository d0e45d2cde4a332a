/** Renderings of a {@link io.netctl.validator.Report}: text for people, JSON for tools, JUnit XML for CI. */
package io.netctl.validator.report;
