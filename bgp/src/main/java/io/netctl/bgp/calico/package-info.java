/**
 * The Calico BGP configuration netctl owns: the topology from netctl.yaml (AS number, route
 * reflectors, core switches) and, from it, the Calico objects in etcd (BGPConfiguration {@code
 * default}, one global BGPPeer per route reflector, route reflectors' Node BGP settings).
 */
package io.netctl.bgp.calico;
