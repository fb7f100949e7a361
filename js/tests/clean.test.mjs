import assert from "node:assert/strict";
import { test } from "node:test";
import { FakeModel, installDom } from "./fake.mjs";

const window = installDom();
const { default: clean } = await import("../src/clean.js");

function setup() {
  const model = new FakeModel({
    columns: [{ name: "age", kind: "numeric" }, { name: "<b>sex</b>", kind: "categorical" }],
    steps: [], can_undo: false, can_redo: false, preview: {}, notes: [], error: "old error",
    replaced_steps: 0, recipe_json: "",
    choices: { strategy: ["mean", "median", "constant"], to: ["numeric", "string"],
               condition: [">", "==", "between"], method: ["iqr", "zscore"],
               action: ["clip", "drop", "flag"], text_action: ["trim", "replace", "extract"],
               parts: ["year", "quarter", "month", "day", "weekday", "hour"] },
  });
  const el = document.createElement("div");
  clean.render({ model, el });
  return { model, el };
}
const change = (node, value) => {
  node.value = value;
  node.dispatchEvent(new window.Event("change"));
};
const click = (node) => node.dispatchEvent(new window.Event("click"));

test("fill missing form sends the columns and strategy; names stay text", () => {
  const { model, el } = setup();
  assert.equal(model.get("error"), "", "a stale error is cleared when the form is (re)built");
  const cols = el.querySelector("select.lw-columns");
  assert.equal(cols.options[1].textContent, "<b>sex</b>  (categorical)");
  assert.equal(el.querySelectorAll("b").length, 0);
  cols.options[0].selected = true;
  click(el.querySelector(".lw-add"));
  assert.deepEqual(model.sent.at(-1), { type: "add", step: { op: "fill_missing", columns: ["age"], strategy: "median" } });
  change(el.querySelector("select.lw-strategy"), "constant");
  assert.equal(el.querySelector("[data-field='value']").hidden, false);
  el.querySelector("input.lw-value").value = "30";
  click(el.querySelector(".lw-preview-btn"));
  assert.deepEqual(model.sent.at(-1).step, { op: "fill_missing", columns: ["age"], strategy: "constant", value: "30" });
});

test("filter form builds conditions; only its fields are shown", () => {
  const { model, el } = setup();
  change(el.querySelector("select.lw-op"), "filter");
  assert.equal(el.querySelector("[data-field='columns']").hidden, true);
  assert.equal(el.querySelectorAll(".lw-condition").length, 1);
  click(el.querySelector(".lw-add-condition"));
  const rows = el.querySelectorAll(".lw-condition");
  change(rows[0].querySelector(".lw-cond-column"), "age");
  change(rows[0].querySelector(".lw-cond-op"), "between");
  rows[0].querySelector(".lw-cond-value").value = "10, 20";
  change(rows[1].querySelector(".lw-cond-column"), "<b>sex</b>");
  change(rows[1].querySelector(".lw-cond-op"), "==");
  rows[1].querySelector(".lw-cond-value").value = "male";
  change(el.querySelector("select.lw-match"), "any");
  click(el.querySelector(".lw-add"));
  assert.deepEqual(model.sent.at(-1).step, {
    op: "filter", how: "any",
    conditions: [{ column: "age", op: "between", value: "10, 20" },
                 { column: "<b>sex</b>", op: "==", value: "male" }],
  });
});

test("rename picks one column; steps list and undo state render", () => {
  const { model, el } = setup();
  change(el.querySelector("select.lw-op"), "rename");
  assert.equal(el.querySelector("select.lw-columns").multiple, false);
  model.set("steps", [{ op: "rename", description: "Rename age to years" }]);
  model.set("can_undo", true);
  assert.equal(el.querySelector(".lw-steps li").textContent, "Rename age to years");
  assert.equal(el.querySelector(".lw-undo").disabled, false);
  assert.equal(el.querySelector(".lw-redo").disabled, true);
});

test("editing the form clears a stale preview; text fields follow the action", () => {
  const { model, el } = setup();
  model.set("preview", { rows_before: 3, rows_after: 3, columns_before: 2, columns_after: 1,
                         cells_changed: 1, notes: [], description: "x", columns_removed: ["<b>sex</b>"] });
  assert.match(el.querySelector(".lw-preview").textContent, /1 cell changes/);
  assert.match(el.querySelector(".lw-preview").textContent, /columns removed: <b>sex<\/b>/);
  el.querySelector("input.lw-value").dispatchEvent(new window.Event("input", { bubbles: true }));
  assert.deepEqual(model.get("preview"), {});
  change(el.querySelector("select.lw-op"), "text");
  change(el.querySelector("select.lw-text-action"), "extract");
  assert.equal(el.querySelector("[data-field='pattern']").hidden, false);
  assert.equal(el.querySelector("[data-field='replacement']").hidden, true);
  assert.equal(el.querySelector("[data-field='regex']").hidden, true);
});

test("encode and date-parts forms send their own fields", () => {
  const { model, el } = setup();
  change(el.querySelector("select.lw-op"), "encode");
  assert.equal(el.querySelector("[data-field='max_levels']").hidden, false);
  el.querySelector("select.lw-columns").options[1].selected = true;
  el.querySelector("input.lw-max-levels").value = "5";
  click(el.querySelector(".lw-add"));
  assert.deepEqual(model.sent.at(-1).step,
    { op: "encode", columns: ["<b>sex</b>"], encode_method: "onehot", max_levels: "5" });
  change(el.querySelector("select.lw-encode-method"), "ordinal");
  assert.equal(el.querySelector("[data-field='max_levels']").hidden, true);
  change(el.querySelector("select.lw-op"), "date_parts");
  const parts = el.querySelector("select.lw-parts");
  assert.deepEqual(Array.from(parts.options).filter((o) => o.selected).map((o) => o.value), ["year", "month", "day", "weekday"]);
  parts.options[5].selected = true;
  click(el.querySelector(".lw-preview-btn"));
  assert.deepEqual(model.sent.at(-1).step,
    { op: "date_parts", columns: ["<b>sex</b>"], parts: ["year", "month", "day", "weekday", "hour"] });
});

test("a preview without removed or added columns writes no stray text", () => {
  const { model, el } = setup();
  model.set("preview", { rows_before: 891, rows_after: 891, columns_before: 15, columns_after: 15,
    cells_changed: 177, description: "Fill missing age by median", columns_removed: [], columns_added: [], notes: [] });
  const box = el.querySelector(".lw-preview");
  assert.match(box.textContent, /177 cells change$/);
  assert.doesNotMatch(box.textContent, /null/);
});
