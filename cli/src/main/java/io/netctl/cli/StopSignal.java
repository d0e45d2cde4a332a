package io.netctl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Waits until a long-running command must stop: SIGTERM (Kubernetes stopping the pod), SIGINT
 * (Ctrl-C) or the interruption of the waiting thread (tests). The command then shuts down in order
 * and returns 0 itself, instead of the JVM dying in its shutdown hooks. The previous signal
 * handlers are restored on close.
 */
public final class StopSignal implements AutoCloseable {
  private final CountDownLatch stop = new CountDownLatch(1);
  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();
  private volatile String reason = "interrupted";

  public StopSignal() {
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal s = new Signal(name);
        previous.add(Signal.handle(s, sig -> {
          reason = "SIG" + sig.getName();
          stop.countDown();
        }));
        signals.add(s);
      } catch (IllegalArgumentException e) {
        // the JVM runs with -Xrs or the signal is reserved: Ctrl-C/TERM then end the JVM as usual
      }
    }
  }

  /** Blocks until a stop is requested; returns why. */
  public String await() {
    try {
      stop.await();
    } catch (InterruptedException e) {
      // the interrupt is the request to stop; shutting down must not be interrupted in turn
      reason = "interrupted";
    }
    return reason;
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
