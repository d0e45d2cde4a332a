package io.netctl.cli.options;

/**
 * Marks a command that also prints the report formats of {@code -o} ({@code junit}): {@code check}
 * and {@code validate}. Every other command refuses them before it runs (exit 2).
 */
public interface ReportFormats {}
