/**
 * The pictures of a check run, as data: the pool map (each managed range's blocks and their
 * state), the session graph (nodes, route reflectors, core switches, directors and the sessions
 * between them with their observed state) and the findings linked to both. {@link
 * io.netctl.validator.picture.NetworkPicture#of} builds them from the {@link
 * io.netctl.validator.Intent}, the {@link io.netctl.validator.ClusterState} of the run and the
 * {@link io.netctl.validator.Checker.Result}; {@link io.netctl.validator.report.HtmlReport} and
 * {@link io.netctl.validator.report.PictureJson} draw them. Nothing here renders.
 */
package io.netctl.validator.picture;
