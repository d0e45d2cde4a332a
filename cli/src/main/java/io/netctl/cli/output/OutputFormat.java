package io.netctl.cli.output;

/** How read commands print results. */
public enum OutputFormat {
  text,
  json
}
