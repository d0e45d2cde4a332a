package io.netctl.bgp.session;

import static io.netctl.bgp.session.SessionState.*;

import io.netctl.bgp.session.FsmAction.*;
import io.netctl.bgp.session.FsmAction.Timer;
import io.netctl.bgp.session.FsmEvent.*;
import io.netctl.bgp.wire.BgpError;
import io.netctl.bgp.wire.Notification;
import io.netctl.bgp.wire.Octets;
import io.netctl.bgp.wire.Open;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The BGP finite state machine of RFC 4271 §8.2.2 as a pure function: {@link #next} maps the
 * current {@link FsmState} and an {@link FsmEvent} to the next state and the {@link FsmAction}s
 * to perform. No sockets, no clocks: {@link BgpSession} performs the actions.
 *
 * <p>Simplifications: after an error the FSM goes to Idle (Active after a TCP failure) and
 * restarts itself when the connect-retry timer fires, the timer doubling per consecutive failure
 * up to a maximum (the automatic start with damping of RFC 4271 §8.1.1); optional session
 * attributes other than passive TCP establishment are not modelled.
 */
public final class BgpFsm {
  private BgpFsm() {}

  /** The outcome of one event. */
  public record Transition(FsmState state, List<FsmAction> actions) {
    public Transition {
      actions = List.copyOf(actions);
    }
  }

  public static Transition next(SessionConfig config, FsmState s, FsmEvent e) {
    List<FsmAction> out = new ArrayList<>();
    FsmState n = step(config, s, e, out);
    return new Transition(n, out);
  }

  private static FsmState step(SessionConfig c, FsmState s, FsmEvent e, List<FsmAction> out) {
    if (e instanceof ManualStart) {
      if (s.state() != IDLE) {
        return s;
      }
      return start(c, new FsmState(IDLE, true, 0, 0), out);
    }
    if (e instanceof ManualStop stop) {
      if (s.state() == OPEN_SENT || s.state() == OPEN_CONFIRM || s.state() == ESTABLISHED) {
        out.add(new SendNotification(Notification.of(BgpError.CEASE_ADMINISTRATIVE_SHUTDOWN, shutdownMessage(stop.reason()))));
      }
      return down(c, s, out, "stopped: " + stop.reason(), false, FsmState.STOPPED.state());
    }
    switch (s.state()) {
      case IDLE:
        if (e instanceof ConnectRetryTimerExpires && s.started()) {
          return start(c, s, out);
        }
        if (e instanceof TcpConnected) {
          out.add(new CloseConnection()); // Idle refuses connections (RFC 4271 §8.2.2)
        }
        return s;
      case CONNECT:
      case ACTIVE:
        if (e instanceof ConnectRetryTimerExpires) {
          if (c.mode() == SessionConfig.Mode.PASSIVE) {
            return s;
          }
          out.add(new CloseConnection());
          out.add(new Connect());
          out.add(new StartTimer(Timer.CONNECT_RETRY, c.connectTimeout().plus(retryDelay(c, s.connectRetryCounter()))));
          return s.to(CONNECT);
        }
        if (e instanceof TcpConnected) {
          out.add(new StopTimer(Timer.CONNECT_RETRY));
          out.add(new SendOpen());
          out.add(new StartTimer(Timer.HOLD, c.openHoldTime()));
          return s.to(OPEN_SENT);
        }
        if (e instanceof TcpFails f) {
          out.add(new RecordError(f.reason()));
          return retry(c, s, out, ACTIVE);
        }
        return s;
      case OPEN_SENT:
        if (e instanceof OpenReceived o) {
          Notification refuse = check(c, o.open());
          if (refuse != null) {
            out.add(new SendNotification(refuse));
            return down(c, s, out, "refused the peer's OPEN: " + refuse.describe(), true, IDLE);
          }
          int hold = Math.min(c.holdTime(), o.open().holdTime());
          out.add(new StopTimer(Timer.CONNECT_RETRY));
          out.add(new AcceptOpen(o.open(), hold));
          out.add(new SendKeepalive());
          holdTimers(hold, out);
          return new FsmState(OPEN_CONFIRM, s.started(), s.connectRetryCounter(), hold);
        }
        return common(c, s, e, out, BgpError.FSM_UNEXPECTED_IN_OPEN_SENT);
      case OPEN_CONFIRM:
        if (e instanceof KeepaliveReceived) {
          if (s.holdTime() > 0) {
            out.add(new StartTimer(Timer.HOLD, Duration.ofSeconds(s.holdTime())));
          }
          out.add(new SessionUp());
          return new FsmState(ESTABLISHED, s.started(), 0, s.holdTime());
        }
        if (e instanceof KeepaliveTimerExpires) {
          out.add(new SendKeepalive());
          out.add(new StartTimer(Timer.KEEPALIVE, keepalive(s.holdTime())));
          return s;
        }
        return common(c, s, e, out, BgpError.FSM_UNEXPECTED_IN_OPEN_CONFIRM);
      case ESTABLISHED:
        if (e instanceof KeepaliveReceived || e instanceof UpdateReceived || e instanceof RouteRefreshReceived) {
          if (s.holdTime() > 0) {
            out.add(new StartTimer(Timer.HOLD, Duration.ofSeconds(s.holdTime())));
          }
          if (e instanceof UpdateReceived u) {
            out.add(new ProcessUpdate(u.update()));
          } else if (e instanceof RouteRefreshReceived r) {
            out.add(new ProcessRouteRefresh(r.refresh()));
          }
          return s;
        }
        if (e instanceof KeepaliveTimerExpires) {
          out.add(new SendKeepalive());
          out.add(new StartTimer(Timer.KEEPALIVE, keepalive(s.holdTime())));
          return s;
        }
        return common(c, s, e, out, BgpError.FSM_UNEXPECTED_IN_ESTABLISHED);
      default:
        throw new IllegalStateException("unknown state " + s.state());
    }
  }

  /** Events handled alike in OpenSent, OpenConfirm and Established. */
  private static FsmState common(SessionConfig c, FsmState s, FsmEvent e, List<FsmAction> out, BgpError unexpected) {
    if (e instanceof HoldTimerExpires) {
      out.add(new SendNotification(Notification.of(BgpError.HOLD_TIMER_EXPIRED)));
      return down(c, s, out, "hold timer expired (no message from the peer for " + holdText(c, s) + ")", true, IDLE);
    }
    if (e instanceof NotificationReceived n) {
      return down(c, s, out, "NOTIFICATION received: " + n.notification().describe(), true, IDLE);
    }
    if (e instanceof ProtocolError p) {
      out.add(new SendNotification(p.error().toNotification()));
      return down(c, s, out, "peer sent a malformed message: " + p.error().getMessage(), true, IDLE);
    }
    if (e instanceof TcpFails f) {
      return down(c, s, out, f.reason(), true, s.state() == ESTABLISHED ? IDLE : ACTIVE);
    }
    if (e instanceof TcpConnected) {
      return s; // a second connection is the session's to resolve (collision), not the FSM's
    }
    if (e instanceof ConnectRetryTimerExpires || e instanceof KeepaliveTimerExpires) {
      return s;
    }
    // an OPEN, KEEPALIVE, UPDATE or ROUTE-REFRESH that this state does not expect (RFC 6608)
    out.add(new SendNotification(Notification.of(unexpected)));
    return down(c, s, out, "unexpected " + e.getClass().getSimpleName() + " in " + s.state().title(), true, IDLE);
  }

  private static String holdText(SessionConfig c, FsmState s) {
    return s.state() == OPEN_SENT ? c.openHoldTime().toSeconds() + " s, waiting for its OPEN" : s.holdTime() + " s";
  }

  private static FsmState start(SessionConfig c, FsmState s, List<FsmAction> out) {
    if (c.mode() == SessionConfig.Mode.PASSIVE) {
      return s.to(ACTIVE);
    }
    out.add(new Connect());
    out.add(new StartTimer(Timer.CONNECT_RETRY, c.connectTimeout().plus(retryDelay(c, s.connectRetryCounter()))));
    return s.to(CONNECT);
  }

  /**
   * Leave the connection behind: close it, stop the timers, record why, and when still started
   * wait in {@code to} for the connect-retry timer to try again.
   */
  private static FsmState down(SessionConfig c, FsmState s, List<FsmAction> out, String reason, boolean restart, SessionState to) {
    out.add(new CloseConnection());
    out.add(new StopTimer(Timer.HOLD));
    out.add(new StopTimer(Timer.KEEPALIVE));
    out.add(new StopTimer(Timer.CONNECT_RETRY));
    out.add(new RecordError(reason));
    if (s.state() == ESTABLISHED) {
      out.add(new SessionDown(reason));
    }
    if (!restart || !s.started()) {
      return FsmState.STOPPED;
    }
    return retry(c, new FsmState(s.state(), true, s.connectRetryCounter(), 0), out, to);
  }

  private static FsmState retry(SessionConfig c, FsmState s, List<FsmAction> out, SessionState to) {
    int counter = s.connectRetryCounter() + 1;
    out.add(new StartTimer(Timer.CONNECT_RETRY, retryDelay(c, counter)));
    return new FsmState(to, s.started(), counter, 0);
  }

  /** The connect-retry interval after {@code failures} consecutive failures: doubling, capped. */
  static Duration retryDelay(SessionConfig c, int failures) {
    if (failures <= 0) {
      return c.connectRetry();
    }
    Duration d = c.connectRetry().multipliedBy(1L << Math.min(failures - 1, 16));
    return d.compareTo(c.connectRetryMax()) > 0 ? c.connectRetryMax() : d;
  }

  private static void holdTimers(int hold, List<FsmAction> out) {
    if (hold == 0) {
      out.add(new StopTimer(Timer.HOLD));
      out.add(new StopTimer(Timer.KEEPALIVE));
    } else {
      out.add(new StartTimer(Timer.HOLD, Duration.ofSeconds(hold)));
      out.add(new StartTimer(Timer.KEEPALIVE, keepalive(hold)));
    }
  }

  private static Duration keepalive(int hold) {
    return Duration.ofMillis(Math.max(1000L, hold * 1000L / 3));
  }

  /**
   * What the OPEN means (RFC 4271 §6.2, RFC 6286 §2.2, RFC 6793): the NOTIFICATION refusing it,
   * or null when it is acceptable.
   */
  static Notification check(SessionConfig c, Open open) {
    if (open.asNumber() != c.peerAs()) {
      return Notification.of(BgpError.BAD_PEER_AS, Octets.of((byte) (open.myAs() >>> 8), (byte) open.myAs()));
    }
    if (open.holdTime() == 1 || open.holdTime() == 2) {
      return Notification.of(BgpError.UNACCEPTABLE_HOLD_TIME);
    }
    if (open.bgpId() == 0 || (c.internal() && open.bgpId() == c.routerId())) {
      return Notification.of(BgpError.BAD_BGP_IDENTIFIER);
    }
    return null;
  }

  /** The RFC 8203 shutdown communication: length octet and UTF-8 text, at most 255 bytes. */
  static Octets shutdownMessage(String reason) {
    if (reason == null || reason.isEmpty()) {
      return Octets.EMPTY;
    }
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    int len = Math.min(text.length, 255);
    byte[] data = new byte[len + 1];
    data[0] = (byte) len;
    System.arraycopy(text, 0, data, 1, len);
    return Octets.of(data);
  }
}
