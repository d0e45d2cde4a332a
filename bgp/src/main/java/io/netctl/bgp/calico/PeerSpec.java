package io.netctl.bgp.calico;

import com.fasterxml.jackson.databind.JsonNode;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.calico.CalicoResource;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What matters of a stored BGPPeer (reference A.3) for planning, checks and confd's view.
 *
 * @param name the resource name
 * @param node {@code spec.node}, or "" (then the peer is not node-specific)
 * @param nodeSelector {@code spec.nodeSelector}, or ""
 * @param peerIp the IPv4 address of {@code spec.peerIP} (port stripped), or null when absent or not IPv4
 * @param port the port of {@code spec.peerIP}, 179 when none is given
 * @param asNumber {@code spec.asNumber}, empty when absent (confd then uses the global AS)
 * @param asError why {@code spec.asNumber} could not be read, or null
 * @param peerSelector {@code spec.peerSelector}, or ""
 * @param managedBy the value of the {@code app.kubernetes.io/managed-by} label, or null
 * @param password {@code spec.password.secretKeyRef}, or null when the peer has no password
 */
public record PeerSpec(
    String name, String node, String nodeSelector, IPv4Address peerIp, int port, OptionalLong asNumber, String asError,
    String peerSelector, String managedBy, SecretRef password) {

  private static final Pattern V4_PORT = Pattern.compile("^(\\d+\\.\\d+\\.\\d+\\.\\d+):(\\d+)$");

  public static PeerSpec of(CalicoResource r) {
    JsonNode s = r.spec();
    String peerIpText = s.path("peerIP").asText("");
    IPv4Address ip = null;
    int port = 179;
    Matcher m = V4_PORT.matcher(peerIpText);
    String host = peerIpText;
    if (m.matches()) {
      host = m.group(1);
      port = Integer.parseInt(m.group(2));
    }
    IPAddress a = host.isBlank() ? null : new IPAddressString(host).getAddress();
    if (a != null && a.isIPv4() && !a.isPrefixed()) {
      ip = a.toIPv4();
    }
    OptionalLong as = OptionalLong.empty();
    String asError = null;
    try {
      as = AsNumber.fromCalico(s.get("asNumber"));
    } catch (IllegalArgumentException e) {
      asError = e.getMessage();
    }
    JsonNode ref = s.path("password").path("secretKeyRef");
    SecretRef password = ref.path("name").isTextual() && ref.path("key").isTextual() ? new SecretRef(ref.get("name").asText(), ref.get("key").asText()) : null;
    return new PeerSpec(
        r.name(), s.path("node").asText(""), s.path("nodeSelector").asText(""), ip, port, as, asError,
        s.path("peerSelector").asText(""), r.labels().get(CalicoResource.MANAGED_BY), password);
  }

  /** Global: neither {@code node} nor {@code nodeSelector} (confd emits it as {@code Global_<ip>} on every node). */
  public boolean global() {
    return node.isEmpty() && nodeSelector.isEmpty();
  }

  public boolean managedByNetctl() {
    return CalicoResource.NETCTL.equals(managedBy);
  }

  /** {@code Global_10_3_252_8}, {@code Node_10_3_252_8_port_1790}: BIRD's protocol name for this peer IP. */
  public String protocolSuffix() {
    return ConfdView.protocolSuffix(peerIp, port);
  }

  /** The AS confd matches this peer against Calico Nodes with (reverse peerings): its own, else the global one ({@code client.go nodesWithIPPortAndAS}). */
  public long effectiveAs(long globalAs) {
    return asNumber.orElse(globalAs);
  }

  /**
   * The AS confd renders as the neighbour's for this peer: {@code spec.asNumber} as it is, 0 when
   * absent (confd's {@code bgpPeer.ASNum} is the spec's value; {@code bird.cfg.template} writes
   * {@code as {{$data.as_num}}}), which BIRD refuses ("Remote AS number (or peer type) must be set").
   */
  public long renderedAs() {
    return asNumber.orElse(0);
  }

  /** Where confd takes this peer's password from, for {@code bgp show}; "" when it has none. */
  public String passwordSource() {
    return password == null ? "" : "Secret " + password.name() + " key " + password.key() + " in calico-node's namespace (none rendered if it cannot read it)";
  }

  public String describe() {
    return "BGPPeer " + name + (peerIp == null ? "" : " (peerIP " + peerIp + (port == 179 ? "" : ":" + port) + ")");
  }
}
