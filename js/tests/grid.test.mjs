import assert from "node:assert/strict";
import { test } from "node:test";
import { FakeModel, installDom, pageBytes } from "./fake.mjs";

installDom();
const { default: grid } = await import("../src/grid.js");

const EVIL = "<img src=x onerror=alert(1)>";

function setup() {
  const model = new FakeModel({
    shape: [120, 2], index_columns: 0, page_size: 50, max_page_columns: 60, version: 1, error: "",
    columns: [{ name: EVIL, kind: "text", dtype: "str" }, { name: "n", kind: "numeric", dtype: "int64" }],
    profiles: [{ name: EVIL, kind: "text", dtype: "str", count: 120, missing: 3, distinct: 2,
                 warnings: ["missing"], top: [["<script>x</script>", 60]] }],
    findings: [{ text: `${EVIL} is missing in 3% of rows`, score: 0.3, columns: [EVIL],
                 fix: `Fill missing ${EVIL} by mode` }, { text: "a and b", score: 0.2, fix: null }],
    profile_status: "ready",
  });
  const el = document.createElement("div");
  grid.render({ model, el });
  return { model, el };
}

test("asks for the first page at once and renders the reply as text", () => {
  const { model, el } = setup();
  assert.equal(model.sent.length, 1);
  const req = model.sent[0];
  assert.deepEqual([req.type, req.offset, req.limit, req.col_offset, req.sort], ["page", 0, 50, 0, null]);
  assert.equal(el.querySelector(".lw-shape").textContent, "120 rows × 2 columns");
  const buf = pageBytes([["<script>alert(2)</script>", "7"], [null, "8"]], [0, 1]);
  model.emit("msg:custom", { type: "page", id: req.id, offset: 0, rows: 2, columns: [0, 1],
                             n_rows: 120, n_columns: 2, schema: model.get("columns") }, [buf]);
  const cells = [...el.querySelectorAll("tbody td")].map((td) => td.textContent);
  assert.deepEqual(cells, ["0", "<script>alert(2)</script>", "7", "1", "NA", "8"]);
  assert.equal(el.querySelector(".lw-range").textContent, "rows 1–2 of 120");
  // nothing from the data became markup
  assert.equal(el.querySelectorAll("script, img").length, 0);
  assert.equal(el.querySelector("th[data-column] span").textContent, EVIL);
  assert.match(el.querySelector(".lw-findings").textContent, /onerror/);
});

test("stale replies are ignored; sorting and paging send new requests", () => {
  const { model, el } = setup();
  const first = model.sent[0];
  model.emit("msg:custom", { type: "page", id: first.id, offset: 0, rows: 0, columns: [0, 1],
                             n_rows: 120, n_columns: 2, schema: model.get("columns") }, [pageBytes([], [0, 1])]);
  el.querySelector("th.lw-sortable").dispatchEvent(new window.Event("click"));
  assert.deepEqual(model.sent.at(-1).sort, [0, true]);
  el.querySelector("button[title='next page']").dispatchEvent(new window.Event("click"));
  assert.equal(model.sent.at(-1).offset, 50);
  const stale = pageBytes([["old", "1"]], [0, 1]);
  model.emit("msg:custom", { type: "page", id: first.id, offset: 0, rows: 1, columns: [0, 1],
                             n_rows: 120, n_columns: 2, schema: model.get("columns") }, [stale]);
  assert.ok(![...el.querySelectorAll("tbody td")].some((td) => td.textContent === "old"));
});

test("a finding's fix button asks the kernel to add its step", () => {
  const { model, el } = setup();
  const buttons = el.querySelectorAll(".lw-findings .lw-fix");
  assert.equal(buttons.length, 1);
  assert.equal(buttons[0].textContent, `+ Fill missing ${EVIL} by mode`);
  buttons[0].dispatchEvent(new window.Event("click"));
  assert.deepEqual(model.sent.at(-1), { type: "fix", index: 0 });
});

test("search asks the kernel after typing pauses and shows the matching count", async () => {
  const { model, el } = setup();
  const box = el.querySelector("input.lw-search");
  box.value = "Cherbourg";
  box.dispatchEvent(new window.Event("input"));
  assert.equal(model.sent.length, 1, "no request while typing");
  await new Promise((r) => setTimeout(r, 350));
  const req = model.sent.at(-1);
  assert.equal(req.query, "Cherbourg");
  assert.equal(req.offset, 0);
  model.emit("msg:custom", { type: "page", id: req.id, offset: 0, rows: 1, columns: [0, 1],
                             n_rows: 120, n_columns: 2, n_matching: 1, schema: model.get("columns") },
             [pageBytes([["x", "1"]], [0, 1])]);
  assert.equal(el.querySelector(".lw-range").textContent, "rows 1–1 of 1 matching (120 in all)");
});

test("a brush on a chart: the shape says how many rows it keeps; the grid pages from the top", () => {
  const { model, el } = setup();
  const before = model.sent.length;
  model.state.filter_rows = 7;
  model.set("filter_label", "brushed on chart");
  assert.equal(el.querySelector(".lw-shape").textContent, "7 of 120 rows (brushed on chart) × 2 columns");
  assert.equal(model.sent.at(-1).offset, 0);
  assert.ok(model.sent.length > before);
  model.state.filter_label = "";
  model.set("filter_rows", -1);
  assert.equal(el.querySelector(".lw-shape").textContent, "120 rows × 2 columns");
});

test("long decimals in number columns are shortened; the exact text is the cell's title", () => {
  const { model, el } = setup();
  const req = model.sent[0];
  const buf = pageBytes([["0.30000000000000004", "47.927342045293216"]], [0, 1]);
  model.emit("msg:custom", { type: "page", id: req.id, offset: 0, rows: 1, columns: [0, 1],
                             n_rows: 120, n_columns: 2, schema: model.get("columns") }, [buf]);
  const [, text, number] = el.querySelectorAll("tbody td");
  assert.equal(text.textContent, "0.30000000000000004"); // a text column is shown as it is
  assert.equal(number.textContent, "47.927342");
  assert.equal(number.getAttribute("title"), "47.927342045293216");
});
