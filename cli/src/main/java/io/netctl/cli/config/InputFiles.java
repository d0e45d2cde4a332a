package io.netctl.cli.config;

import io.netctl.ipam.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The YAML files users give netctl (netctl.yaml, change files), read with their limits: a file
 * larger than {@link #MAX_BYTES} or not UTF-8 text is bad input naming the file and what is
 * wrong (not a YAML parser's "Input length = 1").
 */
public final class InputFiles {
  private InputFiles() {}

  /** The largest netctl.yaml or change file netctl reads: 1 MiB (10,000 changes take about 600 KB). */
  public static final long MAX_BYTES = 1024 * 1024;

  /**
   * The text of {@code file}.
   *
   * @param what how messages name it, e.g. {@code config} or {@code change file}
   * @throws BadInputException when it is missing, unreadable, larger than {@link #MAX_BYTES} or not UTF-8
   */
  public static String read(Path file, String what) {
    byte[] bytes;
    try {
      if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
        throw new BadInputException(what + " " + file + ": " + Files.size(file) + " bytes; at most " + MAX_BYTES + " (1 MiB) are read");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new BadInputException(what + " " + file + ": no such file");
    } catch (IOException e) {
      throw new BadInputException(what + " " + file + ": cannot read (" + e.getMessage() + ")");
    }
    if (bytes.length > MAX_BYTES) {
      throw new BadInputException(what + " " + file + ": more than " + MAX_BYTES + " bytes (1 MiB); at most that much is read");
    }
    return utf8(bytes, what + " " + file);
  }

  /** {@code bytes} as UTF-8 text; else bad input naming the offset of the first byte that is not. */
  static String utf8(byte[] bytes, String what) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = d.decode(in, out, true);
    if (r.isError()) {
      int line = 1;
      for (int i = 0; i < in.position(); i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw BadInputException.at(what + ":" + line, String.format("not UTF-8 text (byte 0x%02x at offset %d); save the file as UTF-8",
          bytes[in.position()] & 0xff, in.position()));
    }
    d.flush(out);
    return out.flip().toString();
  }
}
