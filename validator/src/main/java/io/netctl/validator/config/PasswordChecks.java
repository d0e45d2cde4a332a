package io.netctl.validator.config;

import io.netctl.bgp.calico.CalicoBgpState;
import io.netctl.bgp.calico.PeerSpec;
import io.netctl.bgp.calico.RrBirdConfig;
import io.netctl.bgp.calico.SecretRef;
import io.netctl.bgp.calico.StoredResource;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.observe.SecretSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The BGP passwords of the BGPPeers against what calico-node can read and what {@code netctl bgp
 * render-rr} put into a standalone reflector: a Secret confd cannot read makes it render the
 * sessions without a password ({@code confd/pkg/backends/calico/client.go getPassword}), and bytes
 * other than render-rr's (a trailing newline from {@code kubectl create secret --from-file}) make
 * both sides disagree; either way every node-RR session fails while the objects look right.
 * Passwords are never shown, only their lengths.
 */
public final class PasswordChecks {
  private PasswordChecks() {}

  /**
   * Findings, the subjects examined, and the references whose readability could not be told.
   *
   * @param unknown reference → why it could not be told (the check did not run for it)
   */
  public record Result(List<Finding> findings, List<String> subjects, Map<String, String> unknown) {}

  /**
   * @param rendered the passwords render-rr was given ({@code --password-file}), by reference; may
   *     be empty (then only readability and whether BIRD can take the bytes are checked)
   */
  public static Result check(CalicoBgpState state, SecretSource source, Map<SecretRef, String> rendered) {
    Map<SecretRef, List<String>> peersByRef = new LinkedHashMap<>();
    for (StoredResource r : state.peers()) {
      PeerSpec p = PeerSpec.of(r.resource());
      if (p.password() != null) {
        peersByRef.computeIfAbsent(p.password(), k -> new ArrayList<>()).add(p.name());
      }
    }
    List<Finding> out = new ArrayList<>();
    List<String> subjects = new ArrayList<>();
    Map<String, String> unknown = new LinkedHashMap<>();
    for (Map.Entry<SecretRef, List<String>> e : peersByRef.entrySet()) {
      SecretRef ref = e.getKey();
      String subject = "secret/" + ref.name() + "/" + ref.key();
      String peers = "BGPPeer " + String.join(", ", e.getValue());
      SecretSource.SecretRead read = source.read(ref);
      if (read instanceof SecretSource.Unknown u) {
        unknown.put(subject, u.why());
        continue;
      }
      subjects.add(subject);
      if (read instanceof SecretSource.Unreadable u) {
        out.add(Finding.of(Code.BGP_PASSWORD_UNREADABLE, subject,
            "calico-node can read key " + ref.key() + " of Secret " + ref.name() + " (" + source.where() + ")",
            u.why() + "; confd renders " + peers + " without a password, so those sessions fail against a reflector that has one"));
        continue;
      }
      byte[] value = ((SecretSource.Readable) read).value();
      String unusable = RrBirdConfig.unusable(value);
      String mine = rendered.get(ref);
      if (unusable != null) {
        out.add(Finding.of(Code.BGP_PASSWORD_MISMATCH, subject, "a password render-rr can use (1-80 printable ASCII bytes, no trailing newline)",
            "the Secret holds " + value.length + " bytes and " + unusable));
      } else if (mine != null && !Arrays.equals(value, mine.getBytes(StandardCharsets.ISO_8859_1))) {
        out.add(Finding.of(Code.BGP_PASSWORD_MISMATCH, subject, "the bytes of render-rr's --password-file " + ref.name() + "/" + ref.key(),
            "the Secret holds other bytes (" + value.length + " bytes; the file " + mine.length() + "): " + peers + " and the reflector disagree"));
      }
    }
    return new Result(out, subjects, unknown);
  }
}
