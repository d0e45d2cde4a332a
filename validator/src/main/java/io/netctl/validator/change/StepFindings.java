package io.netctl.validator.change;

import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings of a change's steps, with repeats aggregated: every step that would exhaust the
 * ranges is one {@code ranges-exhausted} finding with the count of steps, and of any other code
 * at most a limit are listed one by one, the rest as one finding with their count. A change of
 * 100,000 allocations past the ranges is one finding, not 100,000.
 */
final class StepFindings {
  private StepFindings() {}

  static List<Finding> aggregate(List<Finding> steps, int perCode) {
    Map<Code, List<Finding>> byCode = new LinkedHashMap<>();
    steps.forEach(f -> byCode.computeIfAbsent(f.code(), c -> new ArrayList<>()).add(f));
    List<Finding> out = new ArrayList<>();
    for (Map.Entry<Code, List<Finding>> e : byCode.entrySet()) {
      List<Finding> fs = e.getValue();
      int listed = e.getKey() == Code.RANGES_EXHAUSTED ? 0 : Math.min(fs.size(), fs.size() > perCode ? perCode - 1 : perCode);
      out.addAll(fs.subList(0, listed));
      List<Finding> rest = fs.subList(listed, fs.size());
      if (rest.size() == 1) {
        out.add(rest.get(0));
      } else if (!rest.isEmpty()) {
        out.add(summary(e.getKey(), rest));
      }
    }
    return out;
  }

  /** One finding for {@code rest}: the first one's expectation and observation, and how many steps it stands for. */
  private static Finding summary(Code code, List<Finding> rest) {
    Finding first = rest.get(0);
    List<String> subjects = rest.stream().map(Finding::subject).distinct().toList();
    String names = String.join(", ", subjects.subList(0, Math.min(5, subjects.size()))) + (subjects.size() > 5 ? ", ..." : "");
    return Finding.of(code, rest.size() + " steps (" + names + ")",
        first.expected() + " and " + (rest.size() - 1) + " more steps like it",
        first.observed() + " (the same for " + rest.size() + " steps)");
  }
}
