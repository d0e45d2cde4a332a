package io.netctl.bgp.wire;

import io.netty.handler.codec.DecoderException;

/**
 * A BGP message that breaks the protocol: carries the NOTIFICATION (error and data) that the
 * session sends before it closes the connection (RFC 4271 §6). The only exception the decoders
 * throw. Extends netty's {@link DecoderException} so the pipeline passes it on unwrapped.
 */
public final class BgpProtocolException extends DecoderException {
  private static final long serialVersionUID = 1L;

  private final BgpError error;
  private final transient Octets data;

  public BgpProtocolException(BgpError error, Octets data, String detail) {
    super(error + ": " + detail, null);
    this.error = error;
    this.data = data == null ? Octets.EMPTY : data;
  }

  public BgpProtocolException(BgpError error, String detail) {
    this(error, Octets.EMPTY, detail);
  }

  public BgpError error() {
    return error;
  }

  /** The NOTIFICATION's data field (RFC 4271 §6 says what each error carries). */
  public Octets data() {
    return data;
  }

  /** The NOTIFICATION to send for this error. */
  public Notification toNotification() {
    return Notification.of(error, data);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this; // a protocol error is an expected outcome of untrusted input, not a bug
  }
}
