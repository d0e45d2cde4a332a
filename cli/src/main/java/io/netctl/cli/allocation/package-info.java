/**
 * Commands of the allocation area: {@code netctl allocate}, {@code release}, {@code show} and
 * {@code pools}. They turn flags into calls of {@link io.netctl.ipam.Allocator} and render its results
 * as text or JSON; the allocation rules themselves live in the ipam module.
 */
package io.netctl.cli.allocation;
