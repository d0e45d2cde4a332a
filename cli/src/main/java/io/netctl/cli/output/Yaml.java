package io.netctl.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import org.yaml.snakeyaml.DumperOptions;

/** YAML output ({@code -o yaml}): the same document as {@code -o json}, as kubectl prints YAML. */
public final class Yaml {
  private Yaml() {}

  /** {@code node} as one block-style YAML document (no {@code ---}), ending in a newline. */
  public static String write(JsonNode node) {
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    o.setIndent(2);
    o.setIndicatorIndent(2);
    o.setIndentWithIndicator(true);
    o.setSplitLines(false);
    o.setWidth(Integer.MAX_VALUE);
    Object plain = Json.MAPPER.convertValue(node, Object.class);
    return new org.yaml.snakeyaml.Yaml(o).dump(plain);
  }
}
