import assert from "node:assert/strict";
import { test } from "node:test";
import { FakeModel, installDom } from "./fake.mjs";

const window = installDom();
const { default: panel } = await import("../src/nlp.js");

const RESULT = {
  column: "SMS", by: "Label", rows: 3, sample: null,
  profile: { rows: 3, missing: 1, empty: 0, distinct: 2, duplicates: 0, repeated: [],
    chars: { min: 3, median: 5, mean: 5.5, max: 8 }, words: { min: 1, median: 1, mean: 1.5, max: 2 },
    top_terms: [["free", 2], ["<b>x</b>", 1]], terms_sampled: false },
  keywords: [{ group: null, texts: 3, terms: [{ term: "free", weight: 0.5, share: 0.66 }] },
             { group: "spam", texts: 1, terms: [{ term: "<img src=x>", weight: 0.9, share: 1 }] }],
  sentiment: { scored: 2, missing: 1, mean: 0.25, positive: 1, negative: 1, neutral: 0,
    histogram: { edges: [], counts: [] },
    by_group: [{ group: "spam", texts: 1, mean: 0.8, positive: 1, negative: 0 }],
    most_positive: [{ row: 0, score: 0.8, text: "win <script>" }], most_negative: [{ row: 1, score: -0.3, text: "bad" }] },
  entities: { kinds: [{ kind: "url", total: 2, rows: 1, top: [["www.a.com", 2]] }],
    by_group: [{ group: "spam", url: 0.5 }] },
};

const CHOICES = [["tfidf_linear", "TF-IDF + logistic regression", ""],
  ["transformer", "Text network (Transformer)", ""], ["gru", "Text network (GRU)", ""]];
const LINE = "Text network (PyTorch Transformer on a text column) needs PyTorch: pip install 'lepton-widgets[torch]'";

function setup(state = {}) {
  const model = new FakeModel({
    columns: ["SMS"], groups: ["Label"], column: "SMS", by: "Label", status: "idle", progress: 0,
    message: "", result: {}, classifier: {}, added: [], error: "", choices: CHOICES,
    model: "tfidf_linear", board: [], board_for: "", ...state,
  });
  const el = document.createElement("div");
  panel.render({ model, el });
  return { model, el };
}

test("Analyze, add and train send the chosen column and group", () => {
  const { model, el } = setup();
  el.querySelector(".lw-nlp-analyze").dispatchEvent(new window.Event("click"));
  assert.deepEqual(model.sent.at(-1), { type: "analyze", column: "SMS", by: "Label" });
  el.querySelector(".lw-nlp-top").value = "5";
  el.querySelector(".lw-nlp-add-keywords").dispatchEvent(new window.Event("click"));
  assert.deepEqual(model.sent.at(-1), { type: "add", what: "keywords", column: "SMS", top: 5, by: "Label" });
  el.querySelector(".lw-nlp-add-prediction").dispatchEvent(new window.Event("click"));
  assert.equal(model.sent.at(-1).what, "prediction");
  el.querySelector(".lw-nlp-train").dispatchEvent(new window.Event("click"));
  assert.deepEqual(model.sent.at(-1), { type: "train", column: "SMS", by: "Label", model: "tfidf_linear" });
});

test("no text column: buttons are off; no group: no classifier", () => {
  const { el } = setup({ columns: [], column: "", groups: [], by: "" });
  assert.equal(el.querySelector(".lw-nlp-analyze").disabled, true);
  assert.equal(el.querySelector(".lw-nlp-column").textContent, "(no free-text column)");
  const { el: el2 } = setup({ groups: [], by: "" });
  assert.equal(el2.querySelector(".lw-nlp-analyze").disabled, false);
  assert.equal(el2.querySelector(".lw-nlp-train").disabled, true);
  assert.equal(el2.querySelector(".lw-nlp-add-prediction").disabled, true);
});

test("results render as text, never as markup", () => {
  const { model, el } = setup();
  model.set("result", RESULT);
  assert.match(el.querySelector(".lw-nlp-terms").textContent, /free \(2\), <b>x<\/b> \(1\)/);
  const rows = [...el.querySelectorAll(".lw-nlp-keyword-table tbody tr")].map((tr) => tr.textContent);
  assert.deepEqual(rows, ["all texts3free", "spam1<img src=x>"]);
  assert.equal(el.querySelectorAll(".lw-nlp img, .lw-nlp b, .lw-nlp script").length, 0);
  assert.match(el.querySelector(".lw-nlp-sentiment-summary").textContent,
    /mean 0\.25; positive 50%, neutral 0%, negative 50% of 2 texts \(1 missing\)/);
  assert.equal(el.querySelector(".lw-nlp-sentiment-table tbody tr").textContent, "spam10.8100%0%");
  assert.equal(el.querySelector(".lw-nlp-entity-table tbody tr").textContent, "url21www.a.com (2)");
  model.set("classifier", { target: "Label", model: "linear", metrics: [["accuracy", 0.98]],
    per_class: [{ class: "spam", precision: 0.95, recall: 0.92, f1: 0.9383, support: 149 }] });
  assert.match(el.querySelector(".lw-nlp-per-class").textContent, /spam0\.950\.920\.9383149/);
  model.set("added", ["SMS_sentiment"]);
  assert.match(el.querySelector(".lw-nlp-added").textContent, /added columns: SMS_sentiment/);
  assert.equal(el.querySelector(".lw-nlp-stop").hidden, true);
  model.set("status", "running");
  assert.equal(el.querySelector(".lw-nlp-analyze").disabled, true);
  el.querySelector(".lw-nlp-stop").dispatchEvent(new window.Event("click"));
  assert.deepEqual(model.sent.at(-1), { type: "stop" });
  model.set("error", "column 'n' holds int64 values, not text");
  assert.equal(el.querySelector(".lw-error").hidden, false);
});

test("the classifier picker sends its choice; without torch the networks are off with the install line", () => {
  const { model, el } = setup();
  const picker = el.querySelector(".lw-nlp-model");
  assert.deepEqual([...picker.options].map((o) => [o.value, o.textContent, o.disabled]),
    [["tfidf_linear", "TF-IDF + logistic regression", false], ["transformer", "Text network (Transformer)", false],
      ["gru", "Text network (GRU)", false]]);
  assert.equal(el.querySelector(".lw-nlp-model-note").hidden, true);
  picker.value = "gru";
  picker.dispatchEvent(new window.Event("change"));
  assert.equal(model.get("model"), "gru");
  model.set("status", "done"); // a re-render keeps the choice
  el.querySelector(".lw-nlp-train").dispatchEvent(new window.Event("click"));
  assert.deepEqual(model.sent.at(-1), { type: "train", column: "SMS", by: "Label", model: "gru" });

  const { el: off } = setup({ choices: [CHOICES[0], [...CHOICES[1].slice(0, 2), LINE], [...CHOICES[2].slice(0, 2), LINE]] });
  assert.deepEqual([...off.querySelectorAll(".lw-nlp-model option")].map((o) => [o.textContent, o.disabled]),
    [["TF-IDF + logistic regression", false], ["Text network (Transformer) (unavailable)", true],
      ["Text network (GRU) (unavailable)", true]]);
  const note = off.querySelector(".lw-nlp-model-note");
  assert.equal(note.textContent, LINE);
  assert.equal(note.hidden, false);
  assert.equal(off.querySelector(".lw-nlp-train").disabled, false); // the linear model still trains
});

test("the leaderboard lists every run as text, best first as sent", () => {
  const { model, el } = setup();
  assert.equal(el.querySelector(".lw-nlp-board"), null);
  model.set("board_for", "Label from <i>SMS</i>");
  model.set("board", [
    { key: "transformer", model: "Text network (Transformer)", accuracy: 0.97, balanced_accuracy: 0.951,
      f1_macro: 0.937, f1: [["ham", 0.9826], ["<b>spam</b>", 0.8916]], seconds: 7.25, test_rows: 300, stopped: true },
    { key: "tfidf_linear", model: "TF-IDF + logistic regression", accuracy: 0.9867, balanced_accuracy: 0.95,
      f1_macro: 0.9699, f1: [["ham", 0.9924], ["<b>spam</b>", 0.9474]], seconds: 2.1, test_rows: 300, stopped: false },
  ]);
  assert.equal(el.querySelector(".lw-nlp-leaderboard h4").textContent,
    "Leaderboard: Label from <i>SMS</i> (same held-out test split, best balanced accuracy first)");
  const rows = [...el.querySelectorAll(".lw-nlp-board tbody tr")].map((tr) => [...tr.cells].map((td) => td.textContent));
  assert.equal(rows.length, 2);
  assert.equal(rows[0][0], "Text network (Transformer) (stopped early)");
  assert.equal(rows[0][4], "ham 0.9826, <b>spam</b> 0.8916");
  assert.equal(rows[1][0], "TF-IDF + logistic regression");
  assert.equal(el.querySelectorAll(".lw-nlp-leaderboard b, .lw-nlp-leaderboard i").length, 0);
  model.set("board", []);
  assert.equal(el.querySelector(".lw-nlp-board"), null);
});

test("a group or column picked stays picked, also after a re-render", () => {
  const { model, el } = setup({ groups: ["Label", "city"] });
  const by = el.querySelector(".lw-nlp-by");
  by.value = "";
  by.dispatchEvent(new window.Event("change"));
  assert.equal(model.get("by"), "");
  model.set("status", "idle"); // any re-render
  assert.equal(el.querySelector(".lw-nlp-by").value, "");
  el.querySelector(".lw-nlp-analyze").dispatchEvent(new window.Event("click"));
  assert.deepEqual(model.sent.at(-1), { type: "analyze", column: "SMS", by: "" });
  for (const o of by.options) o.selected = o.value === "city";
  by.dispatchEvent(new window.Event("change"));
  assert.equal(model.get("by"), "city");
});
