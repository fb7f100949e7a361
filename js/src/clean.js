// Clean tab: build a step, preview its effect, add it; undo and redo.
import { errorBox, fmt, h, selectedValues, setOptions, table } from "./util.js";

const OPS = [
  ["fill_missing", "Fill missing values"],
  ["drop_missing", "Drop rows with missing values"],
  ["drop_missing_columns", "Drop mostly-missing columns"],
  ["drop_columns", "Drop columns"],
  ["drop_duplicates", "Drop duplicate rows"],
  ["cast", "Change type"],
  ["rename", "Rename a column"],
  ["filter", "Filter rows"],
  ["sort", "Sort rows"],
  ["clip_outliers", "Handle outliers"],
  ["replace_infinite", "Replace infinities with missing"],
  ["text", "Clean text"],
  ["scale", "Scale numbers"],
  ["encode", "Encode categories as numbers"],
  ["date_parts", "Split dates into parts"],
];
// Friendly names of the filter tests (the values are the engine's op names).
const TESTS = {
  "==": "equals", "!=": "is not", "<": "<", "<=": "≤", ">": ">", ">=": "≥", isna: "is missing",
  notna: "is not missing", in: "is one of", "not in": "is none of", between: "is between",
  contains: "contains", startswith: "starts with",
};
const HINT = {
  fill_missing: "Choose columns and how to fill their gaps.",
  drop_missing: "Rows missing a value in the chosen columns are removed (all columns if none chosen).",
  drop_missing_columns: "Columns missing in more than this share of rows are removed.",
  drop_columns: "The chosen columns are removed.",
  drop_duplicates: "Rows repeated on the chosen columns (all columns if none chosen) are removed.",
  cast: "Values that cannot be read become missing; the preview counts them.",
  rename: "Choose one column and type its new name.",
  filter: "Keep the rows that meet the conditions. For 'in' and 'between' separate values with commas.",
  sort: "Rows are sorted by the chosen columns, in list order; missing values go last.",
  clip_outliers: "Limits: quartiles ± factor × IQR, or mean ± factor × standard deviation.",
  text: "Applies to text columns. Replace/extract take a pattern (extract: a regular expression).",
  replace_infinite: "+inf and -inf become missing values, to fill or drop like any gap.",
  scale: "Statistics come from this data. For a model, prefer the Features tab: it scales inside the Pipeline, on the training split only.",
  encode: "One-hot adds a 0/1 column per level (the most frequent ones; the rest go to <column>_other). For a model, prefer the Features tab.",
  date_parts: "Adds whole-number columns such as <column>_year next to each date column.",
};
// Which form fields each step shows (the column list is shared by most).
const FIELDS = {
  fill_missing: ["columns", "strategy", "value"],
  drop_missing: ["columns", "how"],
  drop_missing_columns: ["threshold"],
  drop_columns: ["columns"],
  drop_duplicates: ["columns", "keep"],
  cast: ["columns", "to"],
  rename: ["columns", "new_name"],
  filter: ["conditions", "match"],
  sort: ["columns", "order"],
  clip_outliers: ["columns", "method", "factor", "action"],
  text: ["columns", "text_action", "pattern", "replacement", "regex"],
  replace_infinite: ["columns"],
  scale: ["columns", "scale_method"],
  encode: ["columns", "encode_method", "max_levels"],
  date_parts: ["columns", "parts"],
};
// Text fields that only some text actions use.
const TEXT_FIELDS = { replace: ["pattern", "replacement", "regex"], extract: ["pattern"] };

const pairs = (xs) => xs.map((x) => [x, x]);

export default {
  render({ model, el }) {
    const choices = model.get("choices");
    const select = (cls, options, value, label) => {
      const s = h("select", { cls, attrs: { "aria-label": label } });
      setOptions(s, options, value);
      return s;
    };
    const input = (cls, placeholder, value = "") => {
      const i = h("input", { cls, attrs: { type: "text", placeholder, "aria-label": placeholder } });
      i.value = value;
      return i;
    };
    const op = select("lw-op", OPS, "fill_missing", "step");
    const cols = h("select", { cls: "lw-columns", attrs: { multiple: "", size: "8", "aria-label": "columns" } });
    const w = {
      columns: cols,
      strategy: select("lw-strategy", pairs(choices.strategy), "median", "strategy"),
      value: input("lw-value", "value"),
      how: select("lw-how", [["any", "any chosen column is missing"], ["all", "all chosen columns are missing"]], "any", "how"),
      threshold: input("lw-threshold", "percent", "50"),
      keep: select("lw-keep", [["first", "keep first"], ["last", "keep last"], ["none", "drop all copies"]], "first", "keep"),
      to: select("lw-to", pairs(choices.to), "numeric", "new type"),
      new_name: input("lw-new-name", "new name"),
      order: select("lw-order", [["asc", "ascending"], ["desc", "descending"]], "asc", "order"),
      method: select("lw-method", [["iqr", "IQR"], ["zscore", "z-score"]], "iqr", "method"),
      factor: input("lw-factor", "factor", "1.5"),
      action: select("lw-action", [["clip", "clip to the limits"], ["drop", "drop their rows"], ["flag", "flag in a new column"]], "clip", "action"),
      text_action: select("lw-text-action", pairs(choices.text_action), "trim", "text action"),
      pattern: input("lw-pattern", "pattern"),
      replacement: input("lw-replacement", "replacement"),
      regex: h("input", { cls: "lw-regex", attrs: { type: "checkbox", "aria-label": "regular expression" } }),
      scale_method: select("lw-scale-method", [["standard", "standard (mean 0, std 1)"], ["minmax", "min-max (0 to 1)"], ["robust", "robust (median, IQR)"]], "standard", "scaling"),
      encode_method: select("lw-encode-method", [["onehot", "one-hot"], ["ordinal", "ordinal codes"], ["frequency", "frequency"]], "onehot", "encoding"),
      max_levels: input("lw-max-levels", "at most", "20"),
      parts: h("select", { cls: "lw-parts", attrs: { multiple: "", size: "5", "aria-label": "date parts" } }),
      match: select("lw-match", [["all", "all conditions"], ["any", "any condition"]], "all", "match"),
    };
    const conditions = h("div", { cls: "lw-conditions" });
    w.conditions = conditions;
    const LABELS = {
      columns: "columns", strategy: "fill by", value: "value", how: "drop when", threshold: "missing share above (%)",
      keep: "keep", to: "to", new_name: "new name", order: "order", method: "method", factor: "factor",
      action: "outliers", text_action: "action", pattern: "pattern", replacement: "replacement",
      regex: "regular expression", match: "keep rows meeting", conditions: "conditions",
      scale_method: "scaling", encode_method: "encoding", max_levels: "one-hot columns at most", parts: "parts",
    };
    setOptions(w.parts, pairs(choices.parts ?? []), ["year", "month", "day", "weekday"]);
    const fields = Object.fromEntries(Object.entries(w).map(([k, input]) =>
      [k, h("label", { cls: "lw-field", attrs: { "data-field": k } }, [h("span", { text: LABELS[k] }), input])]));

    const columnOptions = () => model.get("columns").map((c) => [c.name, `${c.name}  (${c.kind})`]);
    function addCondition() {
      const column = select("lw-cond-column", columnOptions(), "", "condition column");
      const test = select("lw-cond-op", choices.condition.map((c) => [c, TESTS[c] ?? c]), ">", "condition");
      const value = input("lw-cond-value", "value");
      const row = h("div", { cls: "lw-condition" }, [column, test, value]);
      row.appendChild(h("button", {
        cls: "lw-btn lw-small", text: "×", attrs: { type: "button", title: "remove condition" },
        on: { click: () => row.remove() },
      }));
      conditions.appendChild(row);
    }
    const addCond = h("button", { cls: "lw-btn lw-small lw-add-condition", text: "+ condition",
      attrs: { type: "button" }, on: { click: addCondition } });

    const hint = h("div", { cls: "lw-muted lw-hint" });
    const previewBox = h("div", { cls: "lw-preview", attrs: { "aria-live": "polite" } });
    const notesBox = h("ul", { cls: "lw-notes" });
    const stepsList = h("ol", { cls: "lw-steps" });
    const noSteps = h("div", { cls: "lw-muted", text: "no steps yet" });
    const err = h("div", { cls: "lw-error", attrs: { role: "alert" } });

    const spec = () => {
      const o = op.value;
      const s = { op: o };
      for (const f of FIELDS[o]) {
        if (f === "columns") s.columns = selectedValues(cols);
        else if (f === "conditions") {
          s.conditions = Array.from(conditions.querySelectorAll(".lw-condition"), (row) => ({
            column: row.querySelector(".lw-cond-column").value,
            op: row.querySelector(".lw-cond-op").value,
            value: row.querySelector(".lw-cond-value").value,
          }));
        } else if (f === "regex") s.regex = w.text_action.value === "replace" && w.regex.checked;
        else if (f === "text_action") s.action = w.text_action.value;
        else if (f === "match") s.how = w.match.value;
        else if (f === "parts") s.parts = selectedValues(w.parts);
        else if (f === "value" && w.strategy.value !== "constant") continue;
        else s[f] = w[f].value;
      }
      return s;
    };
    const sync = () => {
      const shown = new Set(FIELDS[op.value]);
      for (const [k, f] of Object.entries(fields)) f.hidden = !shown.has(k);
      if (shown.has("value")) fields.value.hidden = w.strategy.value !== "constant";
      if (shown.has("max_levels")) fields.max_levels.hidden = w.encode_method.value !== "onehot";
      if (op.value === "text") {
        const want = new Set(TEXT_FIELDS[w.text_action.value] ?? []);
        for (const f of ["pattern", "replacement", "regex"]) fields[f].hidden = !want.has(f);
      }
      addCond.hidden = !shown.has("conditions");
      if (shown.has("conditions") && !conditions.children.length) addCondition();
      cols.multiple = op.value !== "rename";
      hint.textContent = HINT[op.value];
      model.set("preview", {});
      model.set("error", ""); // an old complaint does not apply to a new step
      model.save_changes();
    };
    const send = (type) => model.send({ type, step: spec() });
    const button = (text, cls, fn) => h("button", { cls: `lw-btn ${cls}`, text, attrs: { type: "button" }, on: { click: fn } });
    const undo = button("Undo", "lw-undo", () => model.send({ type: "undo" }));
    const redo = button("Redo", "lw-redo", () => model.send({ type: "redo" }));
    const save = button("Save recipe", "lw-save", () => {
      const blob = new Blob([model.get("recipe_json")], { type: "application/json" });
      const a = h("a", { attrs: { href: URL.createObjectURL(blob), download: "recipe.json" } });
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    });
    const file = h("input", { cls: "lw-load-file", attrs: { type: "file", accept: ".json,application/json", hidden: "" } });
    file.addEventListener("change", async () => {
      const f = file.files?.[0];
      if (f) model.send({ type: "load", json: await f.text() });
      file.value = "";
    });
    const load = button("Load recipe…", "lw-load", () => file.click());
    const restore = button("", "lw-restore", () => model.send({ type: "restore" }));

    el.appendChild(h("div", { cls: "lepton lw-clean" }, [
      h("div", { cls: "lw-form" }, [
        h("label", { cls: "lw-field" }, [h("span", { text: "step" }), op]),
        ...Object.values(fields), addCond, hint,
        h("div", { cls: "lw-toolbar" }, [
          button("Preview", "lw-preview-btn", () => send("preview")),
          button("Add step", "lw-primary lw-add", () => send("add")),
        ]),
        err, previewBox, notesBox,
      ]),
      h("div", { cls: "lw-recipe" }, [
        h("h4", { text: "Recipe" }), noSteps, stepsList,
        h("div", { cls: "lw-toolbar" }, [undo, redo, save, load, file]),
        h("div", { cls: "lw-toolbar" }, [restore]),
      ]),
    ]));

    function renderColumns() {
      setOptions(cols, columnOptions(), selectedValues(cols));
      for (const s of conditions.querySelectorAll(".lw-cond-column")) setOptions(s, columnOptions(), s.value);
    }
    function renderPreview() {
      const p = model.get("preview");
      if (!p || p.rows_before === undefined) {
        previewBox.replaceChildren();
        return;
      }
      const rows = [
        ["rows", fmt(p.rows_before), fmt(p.rows_after)],
        ["columns", fmt(p.columns_before), fmt(p.columns_after)],
      ];
      previewBox.replaceChildren(...[
        h("div", { cls: "lw-preview-title", text: `Preview: ${p.description}` }),
        table(["", "before", "after"], rows),
        h("div", { text: `${fmt(p.cells_changed)} cell${p.cells_changed === 1 ? "" : "s"} change${p.cells_changed === 1 ? "s" : ""}` }),
        p.columns_removed?.length ? h("div", { text: `columns removed: ${p.columns_removed.join(", ")}` }) : null,
        p.columns_added?.length ? h("div", { text: `columns added: ${p.columns_added.join(", ")}` }) : null,
        ...(p.notes ?? []).map((n) => h("div", { cls: "lw-note", text: n })),
      ].filter(Boolean)); // (replaceChildren would write a null as the text "null")
    }
    function renderSteps() {
      const steps = model.get("steps");
      stepsList.replaceChildren(...steps.map((s) => h("li", { text: s.description })));
      noSteps.hidden = steps.length > 0;
      undo.disabled = !model.get("can_undo");
      redo.disabled = !model.get("can_redo");
      save.disabled = !steps.length || !model.get("recipe_json");
      const replaced = model.get("replaced_steps");
      restore.hidden = !replaced;
      restore.textContent = `Back to the recipe before loading (${replaced} step${replaced === 1 ? "" : "s"})`;
    }
    function renderNotes() {
      notesBox.replaceChildren(...model.get("notes").map((n) => h("li", { cls: "lw-note", text: n })));
    }

    op.addEventListener("change", sync);
    w.strategy.addEventListener("change", sync);
    w.text_action.addEventListener("change", sync);
    w.encode_method.addEventListener("change", sync);
    w.method.addEventListener("change", () => {
      w.factor.value = w.method.value === "zscore" ? "3" : "1.5"; // the usual limits
    });
    // a preview describes the form as it was: any edit makes it stale
    const stale = () => {
      if (model.get("preview")?.rows_before !== undefined) {
        model.set("preview", {});
        model.save_changes();
      }
    };
    el.addEventListener("input", stale);
    el.addEventListener("change", stale);
    model.on("change:columns", renderColumns);
    model.on("change:preview", renderPreview);
    model.on("change:steps", renderSteps);
    model.on("change:can_undo", renderSteps);
    model.on("change:can_redo", renderSteps);
    model.on("change:replaced_steps", renderSteps);
    model.on("change:notes", renderNotes);
    model.on("change:error", () => errorBox(err, model.get("error")));
    renderColumns();
    renderSteps();
    renderNotes();
    sync();
    errorBox(err, model.get("error"));
  },
};
