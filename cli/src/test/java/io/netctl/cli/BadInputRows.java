package io.netctl.cli;

import io.netctl.ipam.NetctlKeys;
import io.netctl.ipam.calico.CalicoKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The rows of the bad-input battery ({@link BadInputBatteryIT}): what a new user types, carelessly
 * or with hostile input, and what netctl must answer — the exit code and a part of its one
 * {@code netctl:} line. The README's bad-input table is these rows. A new command adds its rows here.
 */
final class BadInputRows {
  private BadInputRows() {}

  /** Which datastore a row runs against (and which one must stay unchanged). */
  enum Store {
    FILE,
    ETCD
  }

  /**
   * One row.
   *
   * @param group the README heading it is listed under
   * @param input what the user gave, for the README
   * @param code the exit code
   * @param message a part of the one stderr line
   * @param store the datastore it runs against
   * @param setup what is in place before (files, keys, environment)
   * @param args the command line; {@code {home}}, {@code {etcd}} (etcd's URL), {@code {etcd-https}} (the same with https://) and
   *     {@code {down}} (a URL nothing listens on) are filled in
   */
  record Row(String group, String input, int code, String message, Store store, Consumer<BadInputFixture> setup, List<String> args) {
    /** The command line as the README shows it. */
    String display() {
      return "netctl " + args.stream()
          .map(a -> a.replace("{home}/", "").replace("{etcd-https}", "https://ETCD:2379").replace("{etcd}", "http://ETCD:2379")
              .replace("{down}", "http://DOWN:2379"))
          .map(a -> a.isBlank() || a.matches("[, ]+") ? "\"" + a + "\"" : a)
          .collect(Collectors.joining(" "));
    }
  }

  private static final List<Row> ROWS = new ArrayList<>();
  private static String group = "";

  private static void group(String g) {
    group = g;
  }

  private static void row(String input, int code, String message, Consumer<BadInputFixture> setup, String... args) {
    ROWS.add(new Row(group, input, code, message, Store.FILE, setup, List.of(args)));
  }

  private static void etcd(String input, int code, String message, Consumer<BadInputFixture> setup, String... args) {
    ROWS.add(new Row(group, input, code, message, Store.ETCD, setup, List.of(args)));
  }

  private static final Consumer<BadInputFixture> NONE = f -> { };

  /** A netctl.yaml written before the row runs. */
  private static Consumer<BadInputFixture> config(String yaml) {
    return f -> f.file("netctl.yaml", yaml);
  }

  /** netctl.yaml with a director, and an empty route dump of it: what a routes-ready wait can observe. */
  private static final Consumer<BadInputFixture> WAIT_ROUTES = f -> {
    f.file("netctl.yaml", BadInputRows.TOPOLOGY); // qualified: declared below
    f.file("routes.json", "[]");
  };

  private static String reflectors(int n) {
    return "routeReflectors:\n" + IntStream.range(0, n).mapToObj(i -> "  - {name: rr-" + i + ", ip: 10.4." + (i / 200) + "." + (i % 200 + 1)
        + ", clusterId: 1.0.0.1}\n").collect(Collectors.joining());
  }

  static final String TOPOLOGY = """
      routeReflectors:
        - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1}
      coreSwitches:
        - {name: core-1, ip: 10.3.0.1}
      directors:
        - {name: lvs-int-1, ip: 10.3.214.10}
      monitors: [10.3.252.100]
      """;

  static List<Row> all() {
    if (!ROWS.isEmpty()) {
      return ROWS;
    }
    group("The datastore");
    row("an endpoint list of only commas (a script's `\"$A,$B\"` of empty variables)", 2, "--etcd-endpoints \",\" names no endpoint", NONE,
        "allocate", "node-x", "--etcd-endpoints", ",");
    row("two commas", 2, "names no endpoint", NONE, "allocate", "node-x", "--etcd-endpoints", ",,");
    row("`ETCD_ENDPOINTS=\",\"`", 2, "$ETCD_ENDPOINTS \",\" names no endpoint", f -> f.env("ETCD_ENDPOINTS", ","), "pools");
    row("`ETCD_ENDPOINTS=\" \"`", 2, "or unset ETCD_ENDPOINTS to use the embedded store", f -> f.env("ETCD_ENDPOINTS", " "), "allocate", "node-x");
    row("an endpoint list with an empty entry", 2, "has an empty entry", NONE, "allocate", "node-x", "--etcd-endpoints", "{down},");
    row("a garbage endpoint", 2, "invalid etcd endpoint \"ftp://x:1\"", NONE, "pools", "--etcd-endpoints", "ftp://x:1");
    row("`--store` and `--etcd-endpoints` together", 2, "--store and --etcd-endpoints exclude each other", NONE,
        "pools", "--etcd-endpoints", "{down}", "--store", "{home}/other.json");
    row("TLS files without an endpoint", 2, "need --etcd-endpoints", NONE, "pools", "--etcd-cacert", "{home}/ca.pem");
    row("an etcd where nothing listens", 3, "did not answer a read within 1.0 s (--etcd-timeout", NONE,
        "allocate", "node-x", "--etcd-endpoints", "{down}", "--etcd-timeout", "1s");
    row("an IPv6 literal where nothing listens", 3, "etcd http://[::1]:", NONE, "pools", "--etcd-endpoints", "http://[::1]:1", "--etcd-timeout", "1s");
    etcd("`https://` to a plain-http etcd", 3, "does not speak TLS (a plain-http etcd? use http://", NONE,
        "pools", "--etcd-endpoints", "{etcd-https}", "--etcd-timeout", "1s");
    row("`--etcd-timeout 100ms` (too short for etcd's client)", 2, "--etcd-timeout 100ms: must be between 200ms and 1h", NONE,
        "pools", "--etcd-timeout", "100ms");
    row("`--etcd-timeout 100000h`", 2, "invalid duration \"100000h\": longer than a year", NONE, "pools", "--etcd-timeout", "100000h");
    row("`--etcd-timeout` of 20 digits", 2, "longer than a year", NONE, "pools", "--etcd-timeout", "99999999999999999999s");
    row("`--etcd-timeout soon`", 2, "Invalid value for option '--etcd-timeout': invalid duration \"soon\"", NONE, "pools", "--etcd-timeout", "soon");
    row("a corrupt store file", 3, "corrupt", f -> f.storeFile("{\"format\":\"netctl-store\","), "allocate", "node-x");
    row("an empty store file", 3, "is empty; it is not a netctl store", f -> f.storeFile(""), "pools");
    row("a foreign JSON file as store", 3, "not a netctl store", f -> f.storeFile("{\"kind\":\"Config\"}"), "pools");
    row("a read-only (0444) store file", 3, "is read-only (mode r--r--r--", f -> f.chmodStore("r--r--r--"), "allocate", "node-x");

    group("Records that cannot be read");
    etcd("allocate a node whose record is not JSON", 4, "cannot read /netctl/v1/allocations/node-a", f -> f.etcdPut(NetctlKeys.allocation("node-a"), "{oops"),
        "allocate", "node-a", "--etcd-endpoints", "{etcd}");
    etcd("show it", 4, "'netctl release node-a --force' deletes it", f -> f.etcdPut(NetctlKeys.allocation("node-a"), "{oops"),
        "show", "node-a", "--etcd-endpoints", "{etcd}");
    etcd("release it without --force", 4, "cannot read /netctl/v1/allocations/node-a: the value is not valid JSON",
        f -> f.etcdPut(NetctlKeys.allocation("node-a"), "{oops"), "release", "node-a", "--etcd-endpoints", "{etcd}");
    etcd("bgp apply over a BGPPeer that is not JSON", 4, "cannot read /calico/resources/v3/projectcalico.org/bgppeers/rr-10-3-252-8",
        f -> {
          f.file("netctl.yaml", TOPOLOGY);
          f.etcdPut(CalicoKeys.BGPPEERS + "rr-10-3-252-8", "peerIP: 10.3.252.8");
        }, "bgp", "apply", "--etcd-endpoints", "{etcd}", "-c", "{home}/netctl.yaml");

    group("netctl.yaml");
    row("`ranges: [0.0.0.0/0]`", 2, "netctl.yaml:1: ranges[0]: range 0.0.0.0/0 overlaps 0.0.0.0/8", config("ranges: [0.0.0.0/0]\n"),
        "pools", "-c", "{home}/netctl.yaml");
    row("a multicast range", 2, "range 224.0.0.0/27 overlaps 224.0.0.0/4 (multicast)", config("ranges: [224.0.0.0/27]\n"),
        "allocate", "node-x", "-c", "{home}/netctl.yaml");
    row("a loopback range", 2, "overlaps 127.0.0.0/8 (loopback)", config("ranges: [127.0.0.0/27]\n"), "allocate", "node-x", "-c", "{home}/netctl.yaml");
    row("a range in 0/8", 2, "overlaps 0.0.0.0/8", config("ranges: [0.0.0.0/27]\n"), "allocate", "node-x", "-c", "{home}/netctl.yaml");
    row("a link-local range", 2, "overlaps 169.254.0.0/16 (link-local)", config("ranges: [169.254.0.0/24]\n"), "pools", "-c", "{home}/netctl.yaml");
    row("a class E range", 2, "overlaps 240.0.0.0/4", config("ranges: [250.0.0.0/8]\n"), "pools", "-c", "{home}/netctl.yaml");
    row("65 ranges", 2, "65 ranges; at most 64 are supported", config("ranges:\n" + IntStream.range(0, 65).mapToObj(i -> "  - 10." + i + ".0.0/16\n")
        .collect(Collectors.joining())), "pools", "-c", "{home}/netctl.yaml");
    row("128 route reflectors", 2, "128 route reflectors; at most 32 are supported", config(reflectors(128)), "bgp", "apply", "-c", "{home}/netctl.yaml");
    row("33 route reflectors, for bgp plan", 2, "33 route reflectors; at most 32", config(reflectors(33)), "bgp", "plan", "-c", "{home}/netctl.yaml");
    row("overlapping ranges", 2, "netctl.yaml:3: ranges[1]: range 10.3.244.0/22 overlaps ranges[0]",
        config("ranges:\n  - 10.3.240.0/21\n  - 10.3.244.0/22\n"), "allocate", "node-x", "-c", "{home}/netctl.yaml");
    row("malformed YAML", 2, "malformed YAML", config("ranges: [10.3.240.0/21\n"), "allocate", "node-x", "-c", "{home}/netctl.yaml");
    row("a misspelt key", 2, "unknown key \"rangs\"", config("rangs: [10.3.240.0/21]\n"), "allocate", "node-x", "-c", "{home}/netctl.yaml");
    row("a list where one value belongs (one `FILE:LINE:`, not two)", 2, "netctl.yaml:2: routeReflectors[].name must be a single value",
        config("routeReflectors:\n  - {name: [x], ip: 10.3.252.8, clusterId: 1.0.0.1}\n"), "bgp", "plan", "-c", "{home}/netctl.yaml");
    row("not UTF-8 (Latin-1)", 2, "netctl.yaml:2: not UTF-8 text (byte 0xe9", f -> f.file("netctl.yaml", "asNumber: 64512\n# caf\u00e9\n"
        .getBytes(StandardCharsets.ISO_8859_1)), "pools", "-c", "{home}/netctl.yaml");
    row("larger than 1 MiB", 2, "at most 1048576 (1 MiB) are read", f -> f.file("netctl.yaml", "#" + "x".repeat(1024 * 1024) + "\n"),
        "pools", "-c", "{home}/netctl.yaml");
    row("no such file", 2, ": no such file", NONE, "allocate", "node-x", "--config", "{home}/nope.yaml");
    row("`bfd: {interval: 5ms}`", 2, "netctl.yaml:1: bfd.interval 5 ms: must be between 10 ms and 10 s", config("bfd: {interval: 5ms}\n"),
        "pools", "-c", "{home}/netctl.yaml");
    row("`bfd: {multiplier: 300}`", 2, "netctl.yaml:1: bfd.multiplier 300: must be between 1 and 255", config("bfd: {multiplier: 300}\n"),
        "pools", "-c", "{home}/netctl.yaml");
    row("`routeFlapping: {changes: 1}`", 2, "netctl.yaml:1: routeFlapping.changes 1: must be between 2 and 1000000",
        config("routeFlapping: {changes: 1}\n"), "pools", "-c", "{home}/netctl.yaml");
    row("`gracefulRestart` neither required nor optional", 2, "netctl.yaml:1: gracefulRestart \"always\": must be required or optional",
        config("gracefulRestart: always\n"), "pools", "-c", "{home}/netctl.yaml");

    group("Names, addresses and flags");
    row("a node name starting with '-'", 2, "Unknown option: '-a' (a name cannot start with '-'); Missing required parameter: 'NODE'", NONE,
        "allocate", "-a");
    row("the same after `--`", 2, "invalid node name \"-a\"", NONE, "allocate", "--", "-a");
    row("an upper-case node name", 2, "invalid node name \"Node-X\"", NONE, "allocate", "Node-X");
    row("`--update-host-ip` without `--host-ip`", 2, "--update-host-ip replaces the recorded host IP with --host-ip IP: give --host-ip too", NONE,
        "allocate", "node-x", "--update-host-ip");
    row("a host IP that is no address", 2, "invalid host IP \"300.1.1.1\"", NONE, "allocate", "node-x", "--host-ip", "300.1.1.1");
    row("a loopback host IP", 2, "not a unicast host address", NONE, "allocate", "node-x", "--host-ip", "127.0.0.1");
    row("a host IP inside the container ranges", 2, "is inside the container ranges", NONE, "allocate", "node-x", "--host-ip", "10.3.241.9");
    row("a director's IP as host IP", 2, "host IP 10.3.214.10 is the IP of director lvs-int-1 in netctl.yaml", config(TOPOLOGY),
        "allocate", "node-x", "--host-ip", "10.3.214.10", "-c", "{home}/netctl.yaml");
    row("a route reflector's IP as host IP", 2, "is the IP of route reflector rr-1", config(TOPOLOGY),
        "allocate", "node-x", "--host-ip", "10.3.252.8", "-c", "{home}/netctl.yaml");
    row("a core switch's IP as host IP", 2, "is the IP of core switch core-1", config(TOPOLOGY), "allocate", "node-x", "--host-ip", "10.3.0.1",
        "-c", "{home}/netctl.yaml");
    row("a monitor's IP as host IP", 2, "is the IP of monitor 10.3.252.100", config(TOPOLOGY), "allocate", "node-x", "--host-ip", "10.3.252.100",
        "-c", "{home}/netctl.yaml");
    row("a misspelt flag", 2, "Unknown options: '--hostip', '10.3.0.5' (did you mean --host-ip?)", NONE, "allocate", "node-x", "--hostip", "10.3.0.5");
    row("a misspelt command", 2, "unknown command \"alocate\" (did you mean allocate?)", NONE, "alocate", "node-x");
    row("an unknown check scope", 2, "unknown scope \"sesions\"", NONE, "check", "--scope", "sesions");
    row("`--routes` without `--as`", 2, "--routes FILE needs --as NAME", NONE, "check", "--routes", "{home}/routes.json");
    row("a port out of range", 2, "--port 70000: must be between 1 and 65535", NONE, "bgp", "routes", "--peer", "127.0.0.1", "--port", "70000");
    row("`--listen` without a port", 2, "--listen 9090: expected [HOST]:PORT",
        f -> f.file("kubeconfig", io.netctl.cli.kube.MockApi.kubeconfig("http://127.0.0.1:9")), "controller", "--kubeconfig", "{home}/kubeconfig",
        "--listen", "9090");
    row("`allocate --wait-routes` with a malformed duration", 2, "Invalid value for option '--wait-routes': invalid duration \"5 min\"", NONE,
        "allocate", "node-x", "--host-ip", "10.3.0.5", "--wait-routes", "5 min", "--monitor");
    row("`allocate --wait-routes 0s`", 2, "--wait-routes 0s: must be between 1s and 1h", NONE,
        "allocate", "node-x", "--host-ip", "10.3.0.5", "--wait-routes", "0s", "--monitor");
    row("`allocate --monitor` without `--wait-routes`", 2, "say where --wait-routes DUR looks: give it too", NONE,
        "allocate", "node-x", "--monitor");
    row("`allocate --wait-routes` without a host IP", 2, "--wait-routes waits for the pool via the node's host IP: give --host-ip IP", WAIT_ROUTES,
        "allocate", "node-x", "--wait-routes", "5s", "--routes", "{home}/routes.json", "--as", "lvs-int-1", "-c", "{home}/netctl.yaml");
    row("`wait-routes --as` naming no director", 2, "--as rr-1: no director of that name", WAIT_ROUTES,
        "wait-routes", "seed", "--routes", "{home}/routes.json", "--as", "rr-1", "-c", "{home}/netctl.yaml");
    row("`wait-routes --bird-socket`", 2, "--bird-socket observes no routes", NONE, "wait-routes", "seed", "--bird-socket", "{home}/bird.ctl");
    row("`wait-routes --timeout` malformed", 2, "Invalid value for option '--timeout': invalid duration \"soon\"", NONE,
        "wait-routes", "seed", "--timeout", "soon", "--monitor");
    row("`wait-routes --settle` (a bound of check's one-shot reads)", 2, "--settle does not apply to wait-routes; it watches the sources and waits up to --timeout",
        NONE, "wait-routes", "seed", "--monitor", "--settle", "5s");
    row("`wait-routes --monitor-timeout`", 2, "--monitor-timeout does not apply to wait-routes; it watches the sources and waits up to --timeout",
        NONE, "wait-routes", "seed", "--monitor", "--monitor-timeout", "10s");
    row("`allocate --wait-routes` with `--bmp-wait`", 2,
        "--bmp-wait does not apply to allocate --wait-routes; it watches the sources and waits up to --wait-routes DUR", NONE,
        "allocate", "node-x", "--host-ip", "10.3.0.5", "--wait-routes", "5s", "--bmp-listen", "11019", "--bmp-wait", "5s");

    group("Refused by the current state");
    row("a pool past the ranges", 4, "no free /27 left in 10.3.240.0/27: 1 of 1 in use by netctl", config("ranges: [10.3.240.0/27]\n"),
        "allocate", "node-x", "-c", "{home}/netctl.yaml");
    row("ranges moved while allocations remain", 4, "no free /27 left in 10.60.0.0/26: 2 of 2 in use by netctl", BadInputFixture::movedRanges,
        "allocate", "node-f", "-c", "{home}/netctl.yaml");
    row("a host IP another node has", 4, "host IP 10.3.0.200 is already recorded for seed", NONE, "allocate", "node-x", "--host-ip", "10.3.0.200");
    row("show a node without allocation", 4, "node-z has no allocation", NONE, "show", "node-z");
    row("release a node without allocation", 4, "node-z has no allocation; nothing released", NONE, "release", "node-z");
    row("`wait-routes` for a node without allocation", 4, "node-z has no allocation: allocate it first", WAIT_ROUTES,
        "wait-routes", "node-z", "--routes", "{home}/routes.json", "--as", "lvs-int-1", "-c", "{home}/netctl.yaml");

    group("Checks");
    row("`check --scope sessions` without a source", 3, "nothing could be checked: sessions: no session source", NONE, "check", "--scope", "sessions");
    row("`check --local` on a host that is in no topology", 3, "nothing could be checked", NONE, "check", "--local", "--scope", "sessions,routes");
    row("`wait-routes` without a source", 3, "nothing to observe: give --monitor, --bmp-listen [ADDR:]PORT, --local or --routes FILE --as DIRECTOR",
        NONE, "wait-routes", "seed");
    row("`allocate --wait-routes` without a source", 3, "nothing to observe: give --monitor", NONE,
        "allocate", "node-x", "--host-ip", "10.3.0.5", "--wait-routes", "5s");

    group("Change files (`netctl validate --change FILE`)");
    row("an empty change file", 2, "empty change file", f -> f.file("c.yaml", ""), "validate", "--change", "{home}/c.yaml");
    row("`changes:` not a list", 2, "c.yaml:1: \"changes:\" must be a list", f -> f.file("c.yaml", "changes: 5\n"), "validate", "--change", "{home}/c.yaml");
    row("an unknown change", 2, "unknown change \"allocat\"", f -> f.file("c.yaml", "changes:\n  - allocat: {node: x}\n"),
        "validate", "--change", "{home}/c.yaml");
    row("a change without its node", 2, "c.yaml:2: node is required", f -> f.file("c.yaml", "changes:\n  - allocate: {hostIp: 10.3.0.9}\n"),
        "validate", "--change", "{home}/c.yaml");
    row("a bad node name in a change", 2, "c.yaml:2: invalid node name", f -> f.file("c.yaml", "changes:\n  - allocate: {node: Node-9}\n"),
        "validate", "--change", "{home}/c.yaml");
    row("10,001 changes", 2, "changes: 10001 changes; at most 10000 per change file", f -> f.file("c.yaml", "changes:\n"
        + "  - release: {node: n}\n".repeat(10_001)), "validate", "--change", "{home}/c.yaml");
    row("a change file larger than 1 MiB", 2, "at most 1048576 (1 MiB) are read", f -> f.file("c.yaml", "changes:\n"
        + "  - release: {node: n}\n".repeat(60_000)), "validate", "--change", "{home}/c.yaml");
    row("a change file that is not UTF-8", 2, "c.yaml:1: not UTF-8 text", f -> f.file("c.yaml", new byte[] {'c', (byte) 0xff, '\n'}),
        "validate", "--change", "{home}/c.yaml");
    row("no change file", 2, "Missing required option: '--change=FILE'", NONE, "validate");

    group("In the cluster");
    row("a YAML file that is no kubeconfig", 2, "not a usable kubeconfig (it has no clusters)", f -> f.file("kubeconfig", "foo: bar\n"),
        "controller", "--kubeconfig", "{home}/kubeconfig");
    row("a kubeconfig whose current-context names no context", 2, "current-context other names no context",
        f -> f.file("kubeconfig", io.netctl.cli.kube.MockApi.kubeconfig("http://127.0.0.1:9").replace("current-context: mock", "current-context: other")),
        "controller", "--kubeconfig", "{home}/kubeconfig");
    row("a missing kubeconfig", 2, "no such file", NONE, "controller", "--kubeconfig", "{home}/none");
    row("`--lease-duration 0s`", 2, "--lease-duration 0s: must be between 1s and 10m", f -> f.file("kubeconfig", io.netctl.cli.kube.MockApi.kubeconfig("http://127.0.0.1:9")),
        "controller", "--kubeconfig", "{home}/kubeconfig", "--lease-duration", "0s");
    row("`--history-keep 2h`", 2, "--history-keep 2h: must be between 1d and 366d", f -> f.file("kubeconfig", io.netctl.cli.kube.MockApi.kubeconfig("http://127.0.0.1:9")),
        "controller", "--kubeconfig", "{home}/kubeconfig", "--history-keep", "2h");
    return ROWS;
  }

}
