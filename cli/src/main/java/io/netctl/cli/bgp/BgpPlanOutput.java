package io.netctl.cli.bgp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.bgp.calico.BgpPlan;
import io.netctl.bgp.calico.Change;
import io.netctl.bgp.calico.Refusal;
import io.netctl.cli.output.Json;
import io.netctl.ipam.calico.CalicoJson;
import java.io.PrintWriter;

/** How {@code bgp plan} and {@code bgp apply} print a plan: a diff per object, as text or JSON. */
public final class BgpPlanOutput {
  private BgpPlanOutput() {}

  /** {@code {"revision", "inSync", "changes":[{action, kind, name, key, fields|object}], "refusals":[{code, message}], "notes":[]}}. */
  static ObjectNode json(BgpPlan plan) {
    ObjectNode o = Json.object();
    o.put("revision", plan.state().revision());
    o.put("inSync", plan.inSync());
    ArrayNode changes = o.putArray("changes");
    for (Change c : plan.changes()) {
      ObjectNode j = changes.addObject();
      j.put("action", c.action());
      j.put("kind", c.kind());
      j.put("name", c.name());
      j.put("key", c.key());
      if (c instanceof Change.Update u) {
        ArrayNode fields = j.putArray("fields");
        for (Change.FieldChange f : u.fields()) {
          ObjectNode fj = fields.addObject();
          fj.put("field", f.field());
          fj.set("from", f.from());
          fj.set("to", f.to());
        }
      } else {
        j.set("object", CalicoJson.parse(c.key(), c.object().toJson()));
      }
    }
    ArrayNode refusals = o.putArray("refusals");
    for (Refusal r : plan.refusals()) {
      refusals.addObject().put("code", r.code().name()).put("message", r.message());
    }
    ArrayNode notes = o.putArray("notes");
    plan.notes().forEach(notes::add);
    return o;
  }

  /**
   * One block per object: {@code + create KIND NAME} with the object's spec, {@code ~ update}
   * with {@code field: from -> to}, {@code - delete}; then notes and refusals.
   */
  static void text(BgpPlan plan, PrintWriter out, boolean applied) {
    for (Change c : plan.changes()) {
      String verb = applied ? c.action() + "d" : c.action();
      switch (c.action()) {
        case "create" -> {
          out.println("+ " + verb + " " + c.kind() + " " + c.name());
          printLeaves("spec", c.object().spec(), out);
          c.object().labels().forEach((k, v) -> out.println("    metadata.labels." + k + ": " + v));
        }
        case "update" -> {
          out.println("~ " + verb + " " + c.kind() + " " + c.name());
          for (Change.FieldChange f : ((Change.Update) c).fields()) {
            out.println("    " + f.field() + ": " + show(f.from()) + " -> " + show(f.to()));
          }
        }
        default -> out.println("- " + verb + " " + c.kind() + " " + c.name() + " (managed by netctl, no longer in netctl.yaml)");
      }
    }
    plan.notes().forEach(n -> out.println("note: " + n));
    plan.refusals().forEach(r -> out.println("refused: " + r.message()));
  }

  static String summary(BgpPlan plan) {
    return plan.changes().size() + (plan.changes().size() == 1 ? " change" : " changes") + " (" + plan.count("create") + " create, "
        + plan.count("update") + " update, " + plan.count("delete") + " delete)";
  }

  private static void printLeaves(String path, JsonNode n, PrintWriter out) {
    if (n.isObject() && n.size() > 0) {
      n.fields().forEachRemaining(e -> printLeaves(path + "." + e.getKey(), e.getValue(), out));
    } else {
      out.println("    " + path + ": " + show(n));
    }
  }

  private static String show(JsonNode n) {
    return n == null ? "(absent)" : n.toString();
  }
}
