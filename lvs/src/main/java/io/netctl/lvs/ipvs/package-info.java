/**
 * IPVS real-server coverage: {@link io.netctl.lvs.ipvs.IpvsadmListing} parses {@code ipvsadm -Ln}
 * output (virtual services and their real servers), and {@link io.netctl.lvs.ipvs.Coverage} reports
 * every real server inside the container ranges that has no route of netctl's via the host that
 * holds its pool.
 */
package io.netctl.lvs.ipvs;
