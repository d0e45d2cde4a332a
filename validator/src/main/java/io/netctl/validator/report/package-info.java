/**
 * Renderings of a {@link io.netctl.validator.Report}: text for people, JSON for tools, JUnit XML for
 * CI; and of a {@link io.netctl.validator.picture.NetworkPicture}: one self-contained HTML page
 * ({@link io.netctl.validator.report.HtmlReport}, with {@link io.netctl.validator.report.SessionSvg})
 * and its JSON ({@link io.netctl.validator.report.PictureJson}). Presentation only.
 */
package io.netctl.validator.report;
