package io.netctl.bgp.calico;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The common subset of Calico's label selectors, enough to see which nodes a BGPPeer's {@code
 * nodeSelector} picks: {@code all()}, {@code has(k)}, {@code !has(k)}, {@code k == 'v'}, {@code
 * k != 'v'}, joined by {@code &&}. Anything else is "not evaluated" (empty), never a guess.
 */
public final class Selector {
  private Selector() {}

  private static final Pattern HAS = Pattern.compile("(!?)\\s*has\\(\\s*([\\w./-]+)\\s*\\)");
  private static final Pattern CMP = Pattern.compile("([\\w./-]+)\\s*(==|!=)\\s*(['\"])(.*?)\\3");

  public static Optional<Boolean> matches(String selector, Map<String, String> labels) {
    String s = selector.strip();
    if (s.isEmpty()) {
      return Optional.of(true);
    }
    boolean result = true;
    for (String term : s.split("&&")) {
      String t = term.strip();
      if (t.equals("all()")) {
        continue;
      }
      Matcher h = HAS.matcher(t);
      Matcher c = CMP.matcher(t);
      if (h.matches()) {
        boolean has = labels.containsKey(h.group(2));
        result &= h.group(1).isEmpty() == has;
      } else if (c.matches()) {
        boolean eq = c.group(4).equals(labels.get(c.group(1)));
        result &= c.group(2).equals("==") == eq;
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(result);
  }
}
