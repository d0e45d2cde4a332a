package io.netctl.validator;

import inet.ipaddr.IPAddress;
import io.netctl.bgp.calico.BgpTopology;
import io.netctl.ipam.IpamConfig;
import io.netctl.lvs.Director;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the network should be, as netctl.yaml says: the checks compare the observations with it
 * and with the allocations in the datastore.
 *
 * @param ipam ranges and block size
 * @param bgp AS number, route reflectors, core switches
 * @param directors the LVS directors
 * @param monitors where netctl's monitor sessions come from (never an unexpected session)
 */
public record Intent(IpamConfig ipam, BgpTopology bgp, List<Director> directors, List<IPAddress> monitors) {
  public Intent {
    Objects.requireNonNull(ipam, "ipam");
    Objects.requireNonNull(bgp, "bgp");
    directors = List.copyOf(directors);
    monitors = List.copyOf(monitors);
  }

  public Optional<Director> director(String name) {
    return directors.stream().filter(d -> d.name().equals(name)).findFirst();
  }
}
