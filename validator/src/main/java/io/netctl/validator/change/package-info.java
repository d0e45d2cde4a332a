/**
 * Pre-change validation: a proposed change ({@link io.netctl.validator.change.Change}s applied in
 * order) is carried out on an in-memory copy of the state — never on the datastore — and the
 * configuration checks run on the result, with the plan of Calico and route changes it causes.
 */
package io.netctl.validator.change;
