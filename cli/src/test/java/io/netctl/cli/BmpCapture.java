package io.netctl.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** The BMP stream captured from FRR 8.4.4 (resource bmp/frr-bmp.txt: one hex message a line, comments with '#'). */
public final class BmpCapture {
  private BmpCapture() {}

  public static byte[] frr() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try (var in = BmpCapture.class.getResourceAsStream("/bmp/frr-bmp.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          all.write(HexFormat.of().parseHex(line.split(" ")[1]));
        }
      }
    }
    return all.toByteArray();
  }
}
