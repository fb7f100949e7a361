import assert from "node:assert/strict";
import { test } from "node:test";
import { FakeModel, installDom } from "./fake.mjs";

const window = installDom();
const { default: panel } = await import("../src/model.js");

function setup() {
  const model = new FakeModel({
    columns: ["survived", "<i>age</i>"], target: "", model: "auto", status: "idle", progress: 0,
    message: "", task: "", chosen: "", metrics: [], leaderboard: [], drivers: [], per_class: [],
    summary: [], confusion: {}, notes: [], error: "",
    models: [["auto", "Auto"], ["random_forest", "Random forest"]],
    settings: { random_forest: [{ name: "max_depth", type: "int", optional: true, low: 1, high: 200, default: null }] },
  });
  const el = document.createElement("div");
  panel.render({ model, el });
  return { model, el };
}

test("settings follow the chosen model; only typed ones are sent", () => {
  const { model, el } = setup();
  assert.equal(el.querySelector(".lw-settings").hidden, true, "Auto has no settings");
  const algo = el.querySelector("select.lw-model");
  algo.value = "random_forest";
  algo.dispatchEvent(new window.Event("change"));
  const input = el.querySelector("input.lw-setting");
  assert.equal(input.dataset.name, "max_depth");
  assert.equal(input.placeholder, "none");
  el.querySelector("select.lw-target").value = "survived";
  el.querySelector(".lw-train").dispatchEvent(new window.Event("click"));
  assert.deepEqual(model.sent.at(-1), { type: "train", target: "survived", model: "random_forest", params: {} });
  input.value = " 4 ";
  el.querySelector(".lw-train").dispatchEvent(new window.Event("click"));
  assert.deepEqual(model.sent.at(-1).params, { max_depth: "4" });
  model.set("model", "random_forest"); // the kernel echoes the choice when training starts
  assert.equal(el.querySelector("input.lw-setting").value, " 4 ", "typed settings stay");
  algo.value = "auto";
  algo.dispatchEvent(new window.Event("change"));
  algo.value = "random_forest";
  algo.dispatchEvent(new window.Event("change"));
  assert.equal(el.querySelector("input.lw-setting").value, "", "another model starts afresh");
});

test("results render as text: summary, metrics and leaderboard", () => {
  const { model, el } = setup();
  model.set("task", "classification");
  model.set("chosen", "random_forest");
  model.set("summary", ["<b>sex</b> matters most"]);
  model.set("metrics", [["accuracy", 0.80446927]]);
  model.set("leaderboard", [{ model: "linear", label: "Linear model", cv_balanced_accuracy: 0.8, test_accuracy: null },
                            { model: "rf", label: "Random forest", cv_balanced_accuracy: 0.79, test_accuracy: 0.78 }]);
  assert.equal(el.querySelector(".lw-summary li").textContent, "<b>sex</b> matters most");
  assert.equal(el.querySelectorAll(".lw-summary b").length, 0);
  assert.match(el.querySelector(".lw-metric-table").textContent, /accuracy0\.8045/);
  const heads = [...el.querySelectorAll(".lw-board th")].map((th) => th.textContent);
  assert.deepEqual(heads, ["model", "cv balanced accuracy", "test accuracy"]);
});

test("a choice setting is a picker; its default is sent as nothing", () => {
  const { model, el } = setup();
  model.set("settings", { text_network: [
    { name: "arch", type: "choice", choices: ["transformer", "lstm", "gru"], optional: false, low: null, high: null, default: "transformer" },
    { name: "epochs", type: "int", optional: false, low: 1, high: 1000, default: 8 }] });
  model.set("models", [["auto", "Auto"], ["text_network", "Text network"]]);
  const algo = el.querySelector("select.lw-model");
  algo.value = "text_network";
  algo.dispatchEvent(new window.Event("change"));
  const pick = el.querySelector("select.lw-setting");
  assert.deepEqual([...pick.options].map((o) => o.textContent), ["transformer (default)", "transformer", "lstm", "gru"]);
  el.querySelector(".lw-train").dispatchEvent(new window.Event("click"));
  assert.deepEqual(model.sent.at(-1).params, {});
  pick.value = "gru";
  el.querySelector(".lw-train").dispatchEvent(new window.Event("click"));
  assert.deepEqual(model.sent.at(-1).params, { arch: "gru" });
});
