package io.netctl.validator.routes;

import inet.ipaddr.IPAddressString;
import io.netctl.validator.observe.BmpFeed;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A BMP collector that counts route churn, run in a lab namespace by {@link BmpChurnIT} (only a
 * process there can be reached by the router): listens on PORT, prints {@code CHURN POOL SOURCE
 * ANNOUNCEMENTS WITHDRAWALS ORIGINATOR} for each pool whenever the counts change, and {@code ROUTES
 * P1,P2,...} whenever the prefixes the feed holds change, until killed.
 */
public final class BmpChurnProbe {
  private BmpChurnProbe() {}

  public static void main(String[] args) throws Exception {
    RouteChurn churn = new RouteChurn(Clock.systemUTC(), List.of(new IPAddressString("10.3.240.0/21").getAddress()), Duration.ofMinutes(10));
    try (BmpFeed.Live feed = new BmpFeed.Live(new InetSocketAddress("0.0.0.0", Integer.parseInt(args[0])), churn, router -> router + " (BMP)")) {
      System.out.println("LISTENING");
      String last = "";
      String lastRoutes = "";
      while (true) {
        String routes = "ROUTES " + String.join(",", feed.now().values().stream().flatMap(r -> r.routes().stream())
            .map(r -> r.prefix().toCanonicalString()).distinct().sorted().toList());
        if (!routes.equals(lastRoutes)) {
          System.out.println(routes);
          lastRoutes = routes;
        }
        StringBuilder now = new StringBuilder();
        for (RouteChurn.Churn c : churn.snapshot(Duration.ofMinutes(10))) {
          now.append("CHURN ").append(c.key().pool()).append(' ').append(c.key().source().replace(' ', '_')).append(' ')
              .append(c.announcements()).append(' ').append(c.withdrawals()).append(' ').append(c.originator()).append('\n');
        }
        if (!now.toString().equals(last)) {
          System.out.print(now);
          System.out.println("END");
          System.out.flush();
          last = now.toString();
        }
        Thread.sleep(100); // the probe's print interval, not a wait for a condition
      }
    }
  }
}
