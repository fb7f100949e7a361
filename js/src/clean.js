// Clean tab: build a step, preview its effect, add it; undo and redo.
import { errorBox, fmt, h, selectedValues, setOptions, table } from "./util.js";

const OPS = [
  ["fill_missing", "Fill missing values"],
  ["drop_missing", "Drop rows with missing values"],
  ["drop_columns", "Drop columns"],
  ["drop_duplicates", "Drop duplicate rows"],
  ["cast", "Change type"],
];
const KEEP = [["first", "keep first"], ["last", "keep last"], ["none", "drop all copies"]];
const HOW = [["any", "any chosen column is missing"], ["all", "all chosen columns are missing"]];
const HINT = {
  fill_missing: "Choose columns and how to fill their gaps.",
  drop_missing: "Rows missing a value in the chosen columns are removed (all columns if none chosen).",
  drop_columns: "The chosen columns are removed.",
  drop_duplicates: "Rows repeated on the chosen columns (all columns if none chosen) are removed.",
  cast: "Values that cannot be read become missing; the preview counts them.",
};

export default {
  render({ model, el }) {
    const op = h("select", { cls: "lw-op", attrs: { "aria-label": "step" } });
    setOptions(op, OPS, "fill_missing");
    const cols = h("select", { cls: "lw-columns", attrs: { multiple: "", size: "8", "aria-label": "columns" } });
    const strategy = h("select", { cls: "lw-strategy", attrs: { "aria-label": "strategy" } });
    const value = h("input", { cls: "lw-value", attrs: { type: "text", placeholder: "value", "aria-label": "value" } });
    const to = h("select", { cls: "lw-to", attrs: { "aria-label": "new type" } });
    const keep = h("select", { cls: "lw-keep", attrs: { "aria-label": "keep" } });
    setOptions(keep, KEEP, "first");
    const how = h("select", { cls: "lw-how", attrs: { "aria-label": "how" } });
    setOptions(how, HOW, "any");
    const hint = h("div", { cls: "lw-muted" });
    const previewBox = h("div", { cls: "lw-preview", attrs: { "aria-live": "polite" } });
    const notesBox = h("ul", { cls: "lw-notes" });
    const stepsList = h("ol", { cls: "lw-steps" });
    const noSteps = h("div", { cls: "lw-muted", text: "no steps yet" });
    const err = h("div", { cls: "lw-error", attrs: { role: "alert" } });

    const field = (label, input) => h("label", { cls: "lw-field" }, [h("span", { text: label }), input]);
    const fStrategy = field("fill by", strategy);
    const fValue = field("value", value);
    const fTo = field("to", to);
    const fKeep = field("keep", keep);
    const fHow = field("drop when", how);

    const spec = () => {
      const s = { op: op.value, columns: selectedValues(cols) };
      if (op.value === "fill_missing") {
        s.strategy = strategy.value;
        if (strategy.value === "constant") s.value = value.value;
      }
      if (op.value === "cast") s.to = to.value;
      if (op.value === "drop_duplicates") s.keep = keep.value;
      if (op.value === "drop_missing") s.how = how.value;
      return s;
    };
    const sync = () => {
      const o = op.value;
      fStrategy.hidden = o !== "fill_missing";
      fValue.hidden = !(o === "fill_missing" && strategy.value === "constant");
      fTo.hidden = o !== "cast";
      fKeep.hidden = o !== "drop_duplicates";
      fHow.hidden = o !== "drop_missing";
      hint.textContent = HINT[o];
      model.set("preview", {});
      model.set("error", ""); // an old complaint does not apply to a new step
      model.save_changes();
    };
    const send = (type) => model.send({ type, step: spec() });
    const button = (text, cls, fn) => h("button", { cls: `lw-btn ${cls}`, text, attrs: { type: "button" }, on: { click: fn } });
    const undo = button("Undo", "lw-undo", () => model.send({ type: "undo" }));
    const redo = button("Redo", "lw-redo", () => model.send({ type: "redo" }));

    el.appendChild(h("div", { cls: "lepton lw-clean" }, [
      h("div", { cls: "lw-form" }, [
        field("step", op), field("columns", cols), fStrategy, fValue, fTo, fKeep, fHow, hint,
        h("div", { cls: "lw-toolbar" }, [
          button("Preview", "lw-preview-btn", () => send("preview")),
          button("Add step", "lw-primary lw-add", () => send("add")),
        ]),
        err, previewBox, notesBox,
      ]),
      h("div", { cls: "lw-recipe" }, [
        h("h4", { text: "Recipe" }), noSteps, stepsList, h("div", { cls: "lw-toolbar" }, [undo, redo]),
      ]),
    ]));

    function renderColumns() {
      const chosen = selectedValues(cols);
      setOptions(cols, model.get("columns").map((c) => [c.name, `${c.name}  (${c.kind})`]), chosen);
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
      previewBox.replaceChildren(
        h("div", { cls: "lw-preview-title", text: `Preview: ${p.description}` }),
        table(["", "before", "after"], rows),
        h("div", { text: `${fmt(p.cells_changed)} cells change` }),
        ...(p.notes ?? []).map((n) => h("div", { cls: "lw-note", text: n })),
      );
    }
    function renderSteps() {
      const steps = model.get("steps");
      stepsList.replaceChildren(...steps.map((s) => h("li", { text: s.description })));
      noSteps.hidden = steps.length > 0;
      undo.disabled = !model.get("can_undo");
      redo.disabled = !model.get("can_redo");
    }
    function renderNotes() {
      notesBox.replaceChildren(...model.get("notes").map((n) => h("li", { cls: "lw-note", text: n })));
    }

    setOptions(strategy, model.get("fill_strategies").map((s) => [s, s]), "median");
    setOptions(to, model.get("cast_targets").map((s) => [s, s]), "numeric");
    op.addEventListener("change", sync);
    strategy.addEventListener("change", sync);
    model.on("change:columns", renderColumns);
    model.on("change:preview", renderPreview);
    model.on("change:steps", renderSteps);
    model.on("change:can_undo", renderSteps);
    model.on("change:can_redo", renderSteps);
    model.on("change:notes", renderNotes);
    model.on("change:error", () => errorBox(err, model.get("error")));
    renderColumns();
    renderSteps();
    renderNotes();
    sync();
    errorBox(err, model.get("error"));
  },
};
