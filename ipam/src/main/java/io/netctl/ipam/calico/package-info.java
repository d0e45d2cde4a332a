/**
 * Calico's objects exactly as Calico v3 keeps them in etcd (etcdv3 datastore): the v3 resource
 * envelope ({@link io.netctl.ipam.calico.CalicoResource}) at {@code
 * /calico/resources/v3/projectcalico.org/<plural>/<name>}, and the IPAM keys under {@code
 * /calico/ipam/v2/} (allocation blocks and block affinities), which have no envelope.
 *
 * <p>Source of the formats: libcalico-go's {@code lib/backend/model} and {@code clientv3}
 * (see the project's reference/calico-etcd-model.md, sections A.0-A.6). What calicoctl would
 * store is reproduced field by field, in Go's field order and with its omitempty rules: {@code
 * resourceVersion} is never stored (it is the key's mod revision), {@code uid} and {@code
 * creationTimestamp} are set on create and kept on update.
 */
package io.netctl.ipam.calico;
