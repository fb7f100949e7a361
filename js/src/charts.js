// Charts tab controls: chart kind, columns, aggregation, log axes, title; brush and export.
// The chart itself is a bqplot Figure below this panel; its data is reduced in the kernel.
import { errorBox, h, setOptions } from "./util.js";

const KIND_LABELS = {
  auto: "auto (from the columns)", scatter: "scatter", line: "line", bar: "bars",
  histogram: "histogram", box: "box plot", heatmap: "heat map (2-D bins or correlation)",
};
const PICKERS = ["x", "y", "color", "size"];

/** The spec the pickers describe (empty picks are null). */
export function readSpec(el) {
  const get = (k) => el.querySelector(`.lw-chart-${k}`);
  const spec = { kind: get("kind").value, agg: get("agg").value, title: get("title").value,
    log_x: get("log_x").checked, log_y: get("log_y").checked };
  for (const k of PICKERS) spec[k] = get(k).value || null;
  return spec;
}

export default {
  render({ model, el }) {
    const sel = (k, label) => h("select", { cls: `lw-chart-${k}`, attrs: { "aria-label": label } });
    const kind = sel("kind", "chart kind");
    const pickers = Object.fromEntries(PICKERS.map((k) => [k, sel(k, k === "color" ? "colour" : k)]));
    const agg = sel("agg", "aggregation");
    const box = (k, label) => h("input", { cls: `lw-chart-${k}`, attrs: { type: "checkbox", "aria-label": label } });
    const logX = box("log_x", "log x axis");
    const logY = box("log_y", "log y axis");
    const select = box("select", "select rows with the mouse");
    select.addEventListener("change", () => { model.set("select_mode", select.checked); model.save_changes(); });
    const title = h("input", { cls: "lw-chart-title", attrs: { type: "text", placeholder: "title (optional)", "aria-label": "title" } });
    const btn = (cls, text, title, fn) => h("button", { cls: `lw-btn ${cls}`, text, attrs: { type: "button", title }, on: { click: fn } });
    const note = h("div", { cls: "lw-chart-note lw-muted", attrs: { "aria-live": "polite" } });
    const brushed = h("span", { cls: "lw-brushed" });
    const err = h("div", { cls: "lw-error", attrs: { role: "alert" } });
    const field = (label, input) => h("label", { cls: "lw-field lw-inline" }, [h("span", { text: label }), input]);
    const panel = h("div", { cls: "lepton lw-charts" });
    let debounce = null;
    const draw = () => model.send({ type: "draw", spec: readSpec(panel) });
    const soon = () => { clearTimeout(debounce); debounce = setTimeout(draw, 300); };

    const brushBar = h("div", { cls: "lw-toolbar lw-brush-bar" }, [
      brushed,
      btn("lw-small lw-clear-brush", "Clear selection", "show every row in the Data tab again", () => model.send({ type: "clear" })),
      btn("lw-small lw-brush-step", "Add as filter step", "keep only the brushed rows: a filter step in the recipe", () => model.send({ type: "filter_step" })),
    ]);
    panel.append(
      h("div", { cls: "lw-toolbar" }, [
        field("chart", kind), field("x", pickers.x), field("y", pickers.y),
        field("colour", pickers.color), field("size", pickers.size), field("aggregate", agg),
      ]),
      h("div", { cls: "lw-toolbar" }, [
        h("label", { cls: "lw-field lw-inline" }, [logX, h("span", { text: "log x" })]),
        h("label", { cls: "lw-field lw-inline" }, [logY, h("span", { text: "log y" })]),
        h("label", { cls: "lw-field lw-inline", attrs: { title: "on: drag (or click bars) to show only those rows in the Data tab; off: hover for tooltips" } },
          [select, h("span", { text: "select rows" })]),
        title,
        btn("lw-primary lw-draw", "Draw", "draw the chart", draw),
        btn("lw-small lw-export-png", "PNG", "download the chart as PNG", () => model.send({ type: "export", format: "png" })),
        btn("lw-small lw-export-svg", "SVG", "download the chart as SVG", () => model.send({ type: "export", format: "svg" })),
      ]),
      note, brushBar, err,
    );
    el.appendChild(panel);
    for (const input of [kind, agg, logX, logY, ...Object.values(pickers)]) input.addEventListener("change", soon);

    function renderPickers() {
      const spec = model.get("spec");
      const cols = model.get("columns");
      const opt = (list) => list.map((c) => [c.name, `${c.name} (${c.type})`]);
      setOptions(kind, model.get("kinds").map((k) => [k, KIND_LABELS[k] ?? k]), spec.kind ?? "auto");
      setOptions(pickers.x, [["", "(none)"], ...opt(cols)], spec.x ?? "");
      setOptions(pickers.y, [["", "(none)"], ...opt(cols)], spec.y ?? "");
      setOptions(pickers.color, [["", "(none)"], ...opt(cols)], spec.color ?? "");
      setOptions(pickers.size, [["", "(none)"], ...opt(cols.filter((c) => c.type === "number"))], spec.size ?? "");
      setOptions(agg, model.get("aggregations").map((a) => [a, a]), spec.agg ?? "count");
      logX.checked = !!spec.log_x;
      logY.checked = !!spec.log_y;
      select.checked = model.get("select_mode") !== false;
      if (document.activeElement !== title) title.value = spec.title ?? "";
    }
    function renderNote() {
      const drawn = model.get("drawn");
      const text = model.get("note");
      note.textContent = drawn ? `${KIND_LABELS[drawn] ?? drawn}${text ? `: ${text}` : " of every row"}` : "pick columns to draw a chart";
      panel.dataset.drawn = drawn;
    }
    function renderBrush() {
      const b = model.get("brushed");
      brushed.textContent = b ? `selected on the chart: ${b} (the Data tab shows only these)` : "";
      brushBar.hidden = !b;
    }
    for (const k of ["spec", "columns", "kinds", "aggregations", "select_mode"]) model.on(`change:${k}`, renderPickers);
    model.on("change:note", renderNote);
    model.on("change:drawn", renderNote);
    model.on("change:brushed", renderBrush);
    model.on("change:error", () => errorBox(err, model.get("error")));
    renderPickers();
    renderNote();
    renderBrush();
    errorBox(err, model.get("error"));
  },
};
