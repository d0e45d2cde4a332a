package io.netctl.cli.metrics;

import io.netctl.validator.picture.NetworkPicture;
import io.netctl.validator.report.HtmlReport;
import io.netctl.validator.report.PictureJson;
import java.util.function.Supplier;

/**
 * The controller's {@code /status} (the pictures of the last drift check as an HTML page that
 * reloads itself) and {@code /status.json}, each rendered once per drift check however often it
 * is fetched. Read-only; what they show is what the check report shows (no passwords, no Secret
 * contents: the pictures hold none).
 */
public final class StatusPages {
  /** How often the page reloads itself, in seconds. */
  public static final int REFRESH_SECONDS = 30;

  private final Supplier<NetworkPicture> source;
  private NetworkPicture rendered;
  private String html;
  private String json;

  /** @param source the last pictures, or null before the first check */
  public StatusPages(Supplier<NetworkPicture> source) {
    this.source = source;
  }

  /** The page, or null before the first drift check. */
  public synchronized String html() {
    return refresh() ? html : null;
  }

  /** The JSON, or null before the first drift check. */
  public synchronized String json() {
    return refresh() ? json : null;
  }

  private boolean refresh() {
    NetworkPicture p = source.get();
    if (p == null) {
      return false;
    }
    if (p != rendered) {
      html = HtmlReport.write(p, "netctl controller status", REFRESH_SECONDS);
      json = PictureJson.write(p);
      rendered = p;
    }
    return true;
  }
}
