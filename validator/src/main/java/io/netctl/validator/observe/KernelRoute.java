package io.netctl.validator.observe;

import java.util.Objects;

/**
 * One route of the kernel's table, as {@code ip -json route} prints it.
 *
 * @param dst the destination ({@code default} or a CIDR; host routes without a length get /32)
 * @param gateway the next hop, or null
 * @param dev the output device, or null
 * @param protocol who installed it ({@code bird}, {@code kernel}, {@code boot}, ...), or null
 * @param type the route type when not unicast ({@code blackhole}, {@code unreachable}), else null
 */
public record KernelRoute(String dst, String gateway, String dev, String protocol, String type) {
  public KernelRoute {
    Objects.requireNonNull(dst, "dst");
  }
}
