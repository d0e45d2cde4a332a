package io.netctl.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * netctl's HTML pictures (the report of {@code netctl check --format html}, the controller's
 * {@code /status}) as a browser test reads them: through their markers only — {@code data-cidr}
 * and {@code data-state} on pool cells, {@code data-node}, {@code data-peer} and {@code
 * data-state} on session edges, {@code data-code} on finding rows — and the page's own controls.
 */
public final class ReportPage {
  private final HeadlessChromium browser;

  public ReportPage(HeadlessChromium browser) {
    this.browser = browser;
  }

  /** How many pool cells are in {@code state}. */
  public int cells(String state) {
    return browser.driver().findElements(By.cssSelector("#pools .c[data-state='" + state + "']")).size();
  }

  /** How many session edges are in {@code state}. */
  public int edges(String state) {
    return browser.driver().findElements(By.cssSelector("#sessions .edge[data-state='" + state + "']")).size();
  }

  /** The edge from {@code node} to {@code peer}. */
  public WebElement edge(String node, String peer) {
    return browser.driver().findElements(By.cssSelector("#sessions .edge")).stream()
        .filter(e -> node.equals(e.getAttribute("data-node")) && peer.equals(e.getAttribute("data-peer"))).findFirst()
        .orElseThrow(() -> new AssertionError("no edge " + node + " -> " + peer));
  }

  /** Clicks the pool cell of {@code cidr} and returns what the detail panel then says. */
  public String clickCell(String cidr) {
    WebElement cell = browser.driver().findElement(By.cssSelector("#pools .c[data-cidr='" + cidr + "']"));
    browser.script("arguments[0].scrollIntoView({block:'center'})", cell);
    cell.click();
    return detail();
  }

  /** Clicks {@code element} (an edge, a group) and returns what the detail panel then says. */
  public String click(WebElement element) {
    browser.script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", element);
    return detail();
  }

  public String detail() {
    return browser.driver().findElement(By.id("detail")).getText();
  }

  /** Filters the findings table by code ("" for all) and returns the codes of the rows shown. */
  public List<String> filterByCode(String code) {
    new Select(browser.driver().findElement(By.id("f-code"))).selectByValue(code);
    return shownCodes();
  }

  /** Filters the findings table by severity ("" for all) and returns the codes of the rows shown. */
  public List<String> filterBySeverity(String severity) {
    new Select(browser.driver().findElement(By.id("f-severity"))).selectByValue(severity);
    return shownCodes();
  }

  /** Types into the subject filter (replacing what was there) and returns the codes of the rows shown. */
  public List<String> filterBySubject(String text) {
    WebElement in = browser.driver().findElement(By.id("f-subject"));
    in.clear();
    in.sendKeys(text);
    browser.script("document.getElementById('f-subject').dispatchEvent(new Event('input'))");
    return shownCodes();
  }

  /** The codes of the finding rows shown, in table order. */
  public List<String> shownCodes() {
    return browser.driver().findElements(By.cssSelector("#findings tbody tr")).stream().filter(WebElement::isDisplayed)
        .map(r -> r.getAttribute("data-code")).toList();
  }

  /** Resources the page loaded after the document, by its own account (Resource Timing). */
  public long resourcesLoaded() {
    return ((Number) browser.script("return performance.getEntriesByType('resource').length")).longValue();
  }

  /** The repository's docs folder (the screenshots go there), found from the working directory up. */
  public static Path docs() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("docs/architecture.md"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("no docs/architecture.md above " + Path.of("").toAbsolutePath());
    }
    return p.resolve("docs");
  }
}
