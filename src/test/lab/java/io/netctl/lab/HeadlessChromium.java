package io.netctl.lab;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver through Selenium: for the browser
 * tests of netctl's HTML pages. A fresh profile per instance; every background service that would
 * reach the network off (the lab's network is closed); the browser's console and every request it
 * made are kept (Chrome's browser and performance logs) so tests can assert that a page logs no
 * error and fetches nothing. {@link #close} quits the browser and the chromedriver it started and
 * removes the profile.
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final String CHROMIUM = "/usr/bin/chromium";
  public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final Pattern DOCUMENT_URL = Pattern.compile("\"documentURL\":\"([^\"]*)\"");
  private static final Pattern REQUEST_URL = Pattern.compile("\"method\":\"Network\\.requestWillBeSent\".*?\"request\":\\{.*?\"url\":\"([^\"]*)\"");

  private final Path profile;
  private final ChromeDriver driver;
  private final List<String> console = new ArrayList<>();
  private final List<String> requests = new ArrayList<>();

  private HeadlessChromium(Path profile, ChromeDriver driver) {
    this.profile = profile;
    this.driver = driver;
  }

  /** Starts the browser with a window of {@code width} x {@code height}. */
  public static HeadlessChromium start(int width, int height) {
    Proc.requireBinaries("chromium", "chromedriver");
    Path profile;
    try {
      profile = Files.createTempDirectory("netctl-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM);
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--hide-scrollbars");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    o.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    try {
      ChromeDriver d = new ChromeDriver(service, o);
      d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
      return new HeadlessChromium(profile, d);
    } catch (RuntimeException e) {
      service.stop();
      delete(profile);
      throw e;
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  /**
   * Loads {@code url} and waits for it to have loaded; {@link #consoleErrors} and {@link #requests}
   * start afresh with it (the browser's own start page is not the test's).
   */
  public void open(String url) {
    drainLogs();
    console.clear();
    requests.clear();
    driver.get(url);
    drainLogs();
  }

  /** Runs a script in the page and returns its value. */
  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** Console messages of level SEVERE (errors, failed loads, CSP violations) since the last {@link #open}. */
  public List<String> consoleErrors() {
    drainLogs();
    return console.stream().filter(l -> l.startsWith("SEVERE")).toList();
  }

  /**
   * Every URL the browser requested since the last {@link #open} (documents and resources alike),
   * except those of its own chrome:// and chrome-untrusted:// pages (the new-tab page it opens at
   * start, in parallel).
   */
  public List<String> requests() {
    drainLogs();
    return List.copyOf(requests);
  }

  /** A PNG of the viewport into {@code to} (its folder created). */
  public void screenshot(Path to) {
    Path png = driver.getScreenshotAs(OutputType.FILE).toPath();
    try {
      Files.createDirectories(to.toAbsolutePath().getParent());
      Files.move(png, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void drainLogs() {
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      console.add(e.getLevel() + " " + e.getMessage());
    }
    for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
      Matcher m = REQUEST_URL.matcher(e.getMessage());
      Matcher doc = DOCUMENT_URL.matcher(e.getMessage());
      if (m.find() && !m.group(1).startsWith("chrome") && !(doc.find() && doc.group(1).startsWith("chrome"))) {
        requests.add(m.group(1));
      }
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      delete(profile);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // the profile is in the temp folder; a leftover does no harm
    }
  }
}
