/**
 * Output shared by the commands: the output formats, JSON rendering of netctl's values and plain
 * text tables.
 */
package io.netctl.cli.output;
