package io.netctl.lvs.iproute;

import io.netctl.lvs.RouteProtocol;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Route protocol names as iproute2 knows them: the well-known ones, plus those of its {@code
 * rt_protos} files ({@code /etc/iproute2/rt_protos}, {@code rt_protos.d/*.conf}, and the
 * distribution defaults under {@code /usr/share/iproute2} or {@code /usr/lib/iproute2}). Needed
 * only for {@code ip -json} output without {@code -N}, which prints known protocols by name.
 */
public final class RtProtos {
  private static final List<Path> DIRS = List.of(Path.of("/usr/lib/iproute2"), Path.of("/usr/share/iproute2"), Path.of("/etc/iproute2"));

  private final Map<String, Integer> names;

  RtProtos(Map<String, Integer> names) {
    this.names = Map.copyOf(names);
  }

  /** The well-known names only. */
  public static RtProtos builtIn() {
    return new RtProtos(RouteProtocol.WELL_KNOWN);
  }

  /** The well-known names and this system's rt_protos files (which win). */
  public static RtProtos system() {
    Map<String, Integer> m = new HashMap<>(RouteProtocol.WELL_KNOWN);
    for (Path dir : DIRS) {
      read(dir.resolve("rt_protos"), m);
      Path d = dir.resolve("rt_protos.d");
      if (Files.isDirectory(d)) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d, "*.conf")) {
          s.forEach(p -> read(p, m));
        } catch (IOException e) {
          // unreadable: keep the names known so far
        }
      }
    }
    return new RtProtos(m);
  }

  static void read(Path file, Map<String, Integer> into) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      return;
    }
    for (String line : lines) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      String[] f = t.split("\\s+");
      if (f.length >= 2) {
        try {
          into.put(f[1], Integer.decode(f[0]));
        } catch (NumberFormatException e) {
          // not a "number name" line
        }
      }
    }
  }

  /** The protocol number of a name or decimal number as {@code ip} prints it. */
  public OptionalInt number(String text) {
    if (!text.isEmpty() && text.chars().allMatch(Character::isDigit) && text.length() <= 3) {
      return OptionalInt.of(Integer.parseInt(text));
    }
    Integer n = names.get(text);
    return n == null ? OptionalInt.empty() : OptionalInt.of(n);
  }
}
