/**
 * Benchmarks (run by hand, never as tests): {@link io.netctl.bgp.bench.DecoderBench} measures the
 * UPDATE decoder in prefixes per second with JMH; {@link io.netctl.bgp.bench.IngestProbe} is the
 * netctl side of {@code bench/bgp-ingest.sh}, the full-table ingest against BIRD. Results and
 * commands are in docs/bgp.md.
 */
package io.netctl.bgp.bench;
