import assert from "node:assert/strict";
import { test } from "node:test";
import { FakeModel, installDom } from "./fake.mjs";

const window = installDom();
const { default: panel, readSpec } = await import("../src/charts.js");

function setup() {
  const model = new FakeModel({
    columns: [{ name: "carat", type: "number" }, { name: "<b>cut</b>", type: "category" },
              { name: "date", type: "date" }],
    kinds: ["auto", "scatter", "line", "bar", "histogram", "box", "heatmap"],
    aggregations: ["count", "mean", "sum"],
    spec: { kind: "auto", x: null, y: null, color: null, size: null, agg: "count", log_x: false, log_y: false, title: "" },
    drawn: "", note: "", brushed: "", error: "",
  });
  const el = document.createElement("div");
  panel.render({ model, el });
  return { model, el };
}

test("pickers list the columns as text; size offers numbers only", () => {
  const { el } = setup();
  const x = el.querySelector("select.lw-chart-x");
  assert.deepEqual([...x.options].map((o) => o.textContent),
    ["(none)", "carat (number)", "<b>cut</b> (category)", "date (date)"]);
  assert.equal(el.querySelectorAll("b").length, 0);
  const size = el.querySelector("select.lw-chart-size");
  assert.deepEqual([...size.options].map((o) => o.value), ["", "carat"]);
});

test("changing a picker draws after a pause; Draw sends the whole spec", async () => {
  const { model, el } = setup();
  el.querySelector("select.lw-chart-x").value = "<b>cut</b>";
  el.querySelector("select.lw-chart-y").value = "carat";
  el.querySelector("select.lw-chart-y").dispatchEvent(new window.Event("change"));
  assert.equal(model.sent.length, 0, "debounced");
  await new Promise((r) => setTimeout(r, 350));
  assert.deepEqual(model.sent.at(-1), { type: "draw", spec: {
    kind: "auto", agg: "count", title: "", log_x: false, log_y: false,
    x: "<b>cut</b>", y: "carat", color: null, size: null } });
  el.querySelector("input.lw-chart-log_y").checked = true;
  el.querySelector("input.lw-chart-title").value = "Price";
  el.querySelector(".lw-draw").dispatchEvent(new window.Event("click"));
  const spec = model.sent.at(-1).spec;
  assert.equal(spec.log_y, true);
  assert.equal(spec.title, "Price");
  assert.deepEqual(readSpec(el.querySelector(".lw-charts")), spec);
});

test("note says what is shown; brush bar, clear, filter step and export", () => {
  const { model, el } = setup();
  assert.equal(el.querySelector(".lw-chart-note").textContent, "pick columns to draw a chart");
  model.set("drawn", "scatter");
  model.set("note", "sample of 2,000 of 53,940 points (extremes kept)");
  assert.equal(el.querySelector(".lw-chart-note").textContent,
    "scatter: sample of 2,000 of 53,940 points (extremes kept)");
  assert.equal(el.querySelector(".lw-brush-bar").hidden, true);
  model.set("brushed", "1,234 of 53,940 rows");
  assert.equal(el.querySelector(".lw-brush-bar").hidden, false);
  assert.match(el.querySelector(".lw-brushed").textContent, /1,234 of 53,940 rows/);
  for (const cls of ["lw-clear-brush", "lw-brush-step", "lw-export-png", "lw-export-svg"]) {
    el.querySelector(`.${cls}`).dispatchEvent(new window.Event("click"));
  }
  assert.deepEqual(model.sent.slice(-4), [{ type: "clear" }, { type: "filter_step" },
    { type: "export", format: "png" }, { type: "export", format: "svg" }]);
  model.set("error", "column 'x' is not in the data");
  assert.equal(el.querySelector(".lw-error").textContent, "column 'x' is not in the data");
});

test("select rows toggles the brush (off: tooltips)", () => {
  const { model, el } = setup();
  const select = el.querySelector("input.lw-chart-select");
  assert.equal(select.checked, true);
  select.checked = false;
  select.dispatchEvent(new window.Event("change"));
  assert.equal(model.get("select_mode"), false);
  model.set("select_mode", true);
  assert.equal(el.querySelector("input.lw-chart-select").checked, true);
});
