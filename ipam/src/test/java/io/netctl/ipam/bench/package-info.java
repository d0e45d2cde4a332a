/** Benchmarks of allocation against a real etcd, run by {@code bench/ipam-allocate.sh} (not part of the test suite). */
package io.netctl.ipam.bench;
