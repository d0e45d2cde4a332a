/**
 * The Calico BGP configuration netctl owns.
 *
 * <p>The topology from netctl.yaml ({@link io.netctl.bgp.calico.BgpTopology}: AS number, route
 * reflectors, core switches, password reference, mesh setting); what is in the datastore ({@link
 * io.netctl.bgp.calico.CalicoBgpState}, read at one revision, with {@link
 * io.netctl.bgp.calico.PeerSpec} and {@link io.netctl.bgp.calico.NodeBgp} as views of stored
 * BGPPeers and Nodes); the objects netctl writes ({@link io.netctl.bgp.calico.DesiredObjects}:
 * BGPConfiguration {@code default}, one global BGPPeer per reflector, reflectors' Node settings);
 * the plan ({@link io.netctl.bgp.calico.BgpPlanner} → {@link io.netctl.bgp.calico.BgpPlan} of
 * {@link io.netctl.bgp.calico.Change}s with field-level diffs) and the rules whose breach refuses
 * it ({@link io.netctl.bgp.calico.BgpChecks} → {@link io.netctl.bgp.calico.Refusal}); the plan
 * applied as one guarded transaction ({@link io.netctl.bgp.calico.BgpPlan#apply}); the BIRD
 * sessions confd will render ({@link io.netctl.bgp.calico.ConfdView}); and the BIRD 2
 * configuration of a standalone reflector ({@link io.netctl.bgp.calico.RrBirdConfig}).
 *
 * <p>Formats follow the reference calico-etcd-model.md: A.0 (storage), A.3 (BGPPeer), A.4
 * (BGPConfiguration), A.5 (Node), C.2/C.4 (confd's rendering, route reflectors).
 */
package io.netctl.bgp.calico;
