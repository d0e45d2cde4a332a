/**
 * Findings about Kubernetes Nodes and their pools, as the controller ({@code netctl controller})
 * reports them while it allocates for Nodes and releases the pools of deleted ones: {@link
 * io.netctl.validator.nodes.NodeFindings} makes each one from typed inputs, so the controller
 * decides what happened and the validator alone says it as a {@link io.netctl.validator.Finding}.
 */
package io.netctl.validator.nodes;
