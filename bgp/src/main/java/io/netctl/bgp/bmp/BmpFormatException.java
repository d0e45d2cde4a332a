package io.netctl.bgp.bmp;

import io.netty.handler.codec.DecoderException;

/** A BMP stream that breaks RFC 7854; the collector logs it and closes that router's connection. */
public final class BmpFormatException extends DecoderException {
  private static final long serialVersionUID = 1L;

  public BmpFormatException(String message) {
    super(message, null);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
