package io.netctl.lab;

import java.nio.file.Files;
import java.nio.file.Path;

/** A self-signed CA with a server certificate for 127.0.0.1 and a client certificate, made with openssl (as the platform's etcd uses). */
public final class Certificates {
  private Certificates() {}

  /** Writes CA, server and client certificates and PKCS#8 keys into {@code dir}. */
  public static EtcdCluster.Tls generate(Path dir) throws Exception {
    Proc.requireBinaries("openssl");
    Files.createDirectories(dir);
    String d = dir.toString();
    Proc.ok("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=netctl-test-ca",
        "-keyout", d + "/ca.key", "-out", d + "/ca.pem");
    Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n");
    Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
    for (String who : new String[] {"server", "client"}) {
      Proc.ok("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + who,
          "-keyout", d + "/" + who + ".key", "-out", d + "/" + who + ".csr");
      Proc.ok("openssl", "x509", "-req", "-in", d + "/" + who + ".csr", "-CA", d + "/ca.pem", "-CAkey", d + "/ca.key",
          "-CAcreateserial", "-days", "2", "-extfile", d + "/" + who + ".ext", "-out", d + "/" + who + ".pem");
    }
    return new EtcdCluster.Tls(dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"),
        dir.resolve("client.pem"), dir.resolve("client.key"));
  }
}
