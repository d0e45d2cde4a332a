/**
 * Interoperability tests against BIRD, FRR and GoBGP in network namespaces (daemons and their
 * configurations from the lab kit, {@code io.netctl.lab}), and the probe that runs netctl's speaker
 * or BMP collector inside a namespace as a child JVM ({@link io.netctl.bgp.lab.Probe}), writing JSON
 * lines the tests read ({@link io.netctl.bgp.lab.ProbeLog}).
 */
package io.netctl.bgp.lab;
