package io.netctl.cli.config;

import io.netctl.bgp.calico.Bfd;
import io.netctl.cli.options.DurationConverter;
import io.netctl.ipam.BadInputException;
import io.netctl.validator.routes.ChurnLimit;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.yaml.snakeyaml.nodes.Node;

/**
 * netctl.yaml's {@code bfd: {enabled, interval, multiplier}} and {@code routeFlapping: {changes,
 * window}}, read with {@link ConfigLoader}'s parser: every error one line {@code FILE:LINE: field:
 * problem}. Keys left out take the defaults ({@code enabled} is true once {@code bfd:} is given).
 */
final class LivenessSections {
  static final Set<String> BFD = Set.of("enabled", "interval", "multiplier");
  static final Set<String> FLAPPING = Set.of("changes", "window");

  private LivenessSections() {}

  static Bfd bfd(ConfigLoader.Parser p, Node n) {
    if (n == null) {
      return Bfd.OFF;
    }
    Map<String, Node> m = p.mapping(n, "bfd", BFD);
    boolean enabled = !m.containsKey("enabled") || p.bool(m.get("enabled"), "bfd.enabled");
    Duration interval = m.containsKey("interval") ? duration(p, m.get("interval"), "bfd.interval") : Bfd.OFF.interval();
    int multiplier = m.containsKey("multiplier") ? p.integer(m.get("multiplier"), "bfd.multiplier", 1, 255) : Bfd.OFF.multiplier();
    return located(p, m.getOrDefault("interval", n), () -> new Bfd(enabled, interval, multiplier));
  }

  static ChurnLimit routeFlapping(ConfigLoader.Parser p, Node n) {
    if (n == null) {
      return ChurnLimit.DEFAULT;
    }
    Map<String, Node> m = p.mapping(n, "routeFlapping", FLAPPING);
    int changes = m.containsKey("changes") ? p.integer(m.get("changes"), "routeFlapping.changes", 2, 1_000_000) : ChurnLimit.DEFAULT.changes();
    Duration window = m.containsKey("window") ? duration(p, m.get("window"), "routeFlapping.window") : ChurnLimit.DEFAULT.window();
    return located(p, m.getOrDefault("window", n), () -> new ChurnLimit(changes, window));
  }

  private static Duration duration(ConfigLoader.Parser p, Node n, String field) {
    String text = p.scalar(n, field);
    return located(p, n, () -> {
      try {
        return DurationConverter.parse(text);
      } catch (BadInputException e) {
        throw new BadInputException(field + ": " + e.getMessage());
      }
    });
  }

  private static <T> T located(ConfigLoader.Parser p, Node at, Supplier<T> make) {
    try {
      return make.get();
    } catch (BadInputException e) {
      throw p.relocate(at, e);
    }
  }
}
