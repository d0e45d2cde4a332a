package io.netctl.cli;

/** How read commands print results. */
public enum OutputFormat {
  text,
  json
}
