/**
 * netctl.yaml: loading, validation with the file name and line of every error, and the built-in
 * defaults equal to the platform's network. Parses at the edge into the modules' own types
 * ({@link io.netctl.ipam.IpamConfig}, {@link io.netctl.bgp.calico.BgpTopology}, {@link
 * io.netctl.lvs.Director}).
 */
package io.netctl.cli.config;
