package io.netctl.bgp.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The captured messages under {@code src/test/resources/fixtures} (see its README.md). */
final class Fixtures {
  private Fixtures() {}

  static final WireOptions LAB = new WireOptions(true, false, true);

  /** One captured message: its type name as the capture printed it, and its bytes. */
  record Captured(String file, int index, String type, byte[] bytes) {
    @Override
    public String toString() {
      return file + "#" + index + " " + type;
    }
  }

  static List<Captured> load(String file) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + file)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + file);
      }
      List<Captured> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split(" ");
        out.add(new Captured(file, out.size(), parts[0], Octets.parseHex(parts[1])));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Captured> all() {
    List<Captured> out = new ArrayList<>();
    for (String f : List.of("bird-rr.txt", "bird-badas.txt", "bird-refresh.txt", "frr.txt", "gobgp.txt")) {
      out.addAll(load(f));
    }
    return out;
  }

  static byte[] hex(String annotated) {
    return Octets.parseHex(annotated);
  }

  static BgpMessage decode(byte[] bytes) {
    return MessageReader.read(bytes, LAB, m -> {
      throw new AssertionError("unexpected RFC 7606 finding " + m);
    });
  }
}
