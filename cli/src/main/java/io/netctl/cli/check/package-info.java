/**
 * Commands of the checks area: {@code netctl check}, {@code netctl validate} and {@code netctl
 * snapshot export}. They only turn flags into the validator's observation sources and a report
 * format; every check and finding lives in the validator module.
 */
package io.netctl.cli.check;
