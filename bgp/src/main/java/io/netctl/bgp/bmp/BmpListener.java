package io.netctl.bgp.bmp;

/** Receives the collector's events on its event loop; must not block. */
@FunctionalInterface
public interface BmpListener {
  void onEvent(BmpEvent event);
}
