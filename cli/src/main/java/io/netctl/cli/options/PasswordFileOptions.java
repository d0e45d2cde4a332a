package io.netctl.cli.options;

import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.RrBirdConfig;
import io.netctl.bgp.calico.SecretRef;
import io.netctl.ipam.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * {@code --password-file SECRET/KEY=FILE}: the value of a password netctl.yaml references as
 * {@code {secretKeyRef: {name: SECRET, key: KEY}}}, read from a file byte for byte — the file the
 * Secret calico-node reads is made from ({@link RrBirdConfig#password}). {@code bgp render-rr} puts
 * it into the reflector; {@code check} and {@code controller} compare it with the Secret.
 */
public final class PasswordFileOptions {
  @Option(
      names = "--password-file",
      paramLabel = "SECRET/KEY=FILE",
      description = "The value of a password netctl.yaml references as {secretKeyRef: {name: SECRET, key: KEY}}, read from FILE byte for byte"
          + " (no trailing newline: make the Secret from the same file with kubectl create secret generic SECRET --from-file=KEY=FILE)."
          + " Repeat for each reference.")
  Map<String, Path> passwordFiles = new LinkedHashMap<>();

  /** The passwords given, by reference; each must be one {@code topo} references. */
  public Map<SecretRef, String> read(BgpTopology topo) {
    Map<SecretRef, String> out = new HashMap<>();
    for (Map.Entry<String, Path> e : passwordFiles.entrySet()) {
      String ref = e.getKey();
      int slash = ref.indexOf('/');
      if (slash <= 0 || slash == ref.length() - 1) {
        throw new BadInputException("--password-file " + ref + "=" + e.getValue() + ": expected SECRET/KEY=FILE, e.g. bgp-secrets/rr-password=/run/secrets/rr");
      }
      SecretRef sr = new SecretRef(ref.substring(0, slash), ref.substring(slash + 1));
      if (!topo.secretRefs().contains(sr)) {
        throw new BadInputException("--password-file " + ref + ": netctl.yaml references no such password (references: "
            + (topo.secretRefs().isEmpty() ? "none" : topo.secretRefs().stream().map(s -> s.name() + "/" + s.key()).collect(Collectors.joining(", "))) + ")");
      }
      String text;
      try {
        text = Files.readString(e.getValue(), StandardCharsets.UTF_8);
      } catch (NoSuchFileException x) {
        throw new BadInputException("--password-file " + ref + "=" + e.getValue() + ": no such file");
      } catch (IOException x) {
        throw new BadInputException("--password-file " + ref + "=" + e.getValue() + ": cannot read (" + x.getMessage() + ")");
      }
      out.put(sr, RrBirdConfig.password("--password-file " + ref, text));
    }
    return out;
  }
}
