package io.netctl.ipam.store;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * What listens at an etcd endpoint that did not answer: nothing, a server that speaks TLS, or one
 * that does not — so that {@code https://} to a plain-http etcd (or {@code http://} to a TLS-only
 * one) is named as such instead of "did not answer". The probe opens a TCP connection and starts
 * a TLS handshake that trusts any certificate; a server that sends a certificate speaks TLS. It
 * sends no request and reads no data.
 */
final class EndpointProbe {
  private EndpointProbe() {}

  /** What was found. */
  enum Answer {
    /** No TCP connection: nothing listens, or it is unreachable. */
    NOTHING,
    /** The server sent a TLS certificate. */
    TLS,
    /** A TCP connection, but no TLS: a plain-http server. */
    PLAIN
  }

  static Answer probe(URI endpoint, Duration timeout) {
    int ms = (int) Math.max(1, Math.min(timeout.toMillis(), 2000));
    String host = endpoint.getHost().startsWith("[") ? endpoint.getHost().substring(1, endpoint.getHost().length() - 1) : endpoint.getHost();
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress(host, endpoint.getPort()), ms);
      raw.setSoTimeout(ms);
      AtomicBoolean certificate = new AtomicBoolean();
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, new TrustManager[] {new Recorder(certificate)}, null);
      try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket(raw, host, endpoint.getPort(), false)) {
        s.startHandshake();
      } catch (IOException e) {
        // a failed handshake still tells: was a certificate sent?
      }
      return certificate.get() ? Answer.TLS : Answer.PLAIN;
    } catch (IOException e) {
      return Answer.NOTHING;
    } catch (GeneralSecurityException e) {
      return Answer.NOTHING;
    }
  }

  /**
   * Why etcd at {@code endpoints} may not have answered, when a probe can tell; null when the
   * servers speak what the endpoints say (or nothing listens).
   */
  static String mismatch(List<URI> endpoints, Duration timeout) {
    for (URI u : endpoints) {
      Answer a = probe(u, timeout);
      boolean https = "https".equals(u.getScheme());
      if (https && a == Answer.PLAIN) {
        return u + " does not speak TLS (a plain-http etcd? use http://" + u.getRawAuthority() + ")";
      }
      if (!https && a == Answer.TLS) {
        return u + " speaks TLS (use https://" + u.getRawAuthority() + " with --etcd-cacert, and --etcd-cert/--etcd-key if it wants client certificates)";
      }
    }
    return null;
  }

  /** Trusts every certificate, recording that one was sent: the probe only asks whether the server speaks TLS. */
  private record Recorder(AtomicBoolean seen) implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      seen.set(true);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      seen.set(true);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
