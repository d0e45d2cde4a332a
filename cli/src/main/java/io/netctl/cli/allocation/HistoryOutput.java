package io.netctl.cli.allocation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.netctl.cli.output.Json;
import io.netctl.cli.output.Table;
import io.netctl.ipam.AllocationHistory;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.Names;
import io.netctl.ipam.NetctlKeys;
import io.netctl.ipam.store.KvStore;
import java.io.PrintWriter;
import java.util.List;

/** What {@code who} and {@code history} share: reading the history, parsing an address, printing spans. */
final class HistoryOutput {
  private HistoryOutput() {}

  static AllocationHistory read(KvStore kv) {
    return AllocationHistory.of(kv.range(NetctlKeys.HISTORY).kvs());
  }

  /** An IPv4 address or CIDR inside the configured ranges; anything else is bad input. */
  static IPAddress addressInRanges(String text, IpamConfig config) {
    IPAddress a = new IPAddressString(text.strip()).getAddress();
    if (a == null || !a.isIPv4()) {
      throw new BadInputException("\"" + Names.printable(text) + "\" is no IPv4 address or CIDR (e.g. 10.3.240.7 or 10.3.240.0/27)");
    }
    IPAddress block = a.isPrefixed() ? a.toPrefixBlock() : a;
    if (!config.inRanges(block)) {
      throw new BadInputException(block.toCanonicalString() + " is outside the container ranges ("
          + String.join(", ", config.ranges().stream().map(IPAddress::toCanonicalString).toList()) + ")");
    }
    return block;
  }

  static ArrayNode json(List<AllocationHistory.Span> spans) {
    ArrayNode out = Json.array();
    for (AllocationHistory.Span s : spans) {
      ObjectNode o = out.addObject().put("cidr", s.cidr().toCanonicalString()).put("node", s.node());
      o.put("hostIp", s.hostIp() == null ? null : s.hostIp().toCanonicalString());
      o.put("from", s.from().toString());
      o.put("to", s.to() == null ? null : s.to().toString());
    }
    return out;
  }

  static void table(PrintWriter out, List<AllocationHistory.Span> spans) {
    Table t = new Table("CIDR", "NODE", "HOST IP", "FROM", "TO");
    for (AllocationHistory.Span s : spans) {
      t.row(s.cidr().toCanonicalString(), s.node(), s.hostIp() == null ? "-" : s.hostIp().toCanonicalString(), s.from().toString(),
          s.to() == null ? "(held)" : s.to().toString());
    }
    t.print(out);
  }
}
