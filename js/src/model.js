// Model tab controls: target and model pickers, Train/Stop, progress and results.
import { errorBox, fmt, h, setOptions, table } from "./util.js";

const METRIC_NAMES = {
  r2: "R²", mae: "MAE", rmse: "RMSE", accuracy: "accuracy", balanced_accuracy: "balanced accuracy",
  f1_macro: "F1 (macro)", roc_auc: "ROC AUC", silhouette: "silhouette", clusters: "clusters",
};

export default {
  render({ model, el }) {
    const target = h("select", { cls: "lw-target", attrs: { "aria-label": "target" } });
    const algo = h("select", { cls: "lw-model", attrs: { "aria-label": "model" } });
    const train = h("button", { cls: "lw-btn lw-primary lw-train", text: "Train", attrs: { type: "button" } });
    const knobs = h("div", { cls: "lw-toolbar lw-settings" });
    function renderSettings() {
      const list = model.get("settings")[algo.value] ?? [];
      // a redraw for the same model (Train sets target and model) keeps what was typed
      const typed = knobs.dataset.model === algo.value ? Object.fromEntries(
        [...knobs.querySelectorAll(".lw-setting")].map((i) => [i.dataset.name, i.value])) : {};
      knobs.dataset.model = algo.value;
      knobs.replaceChildren(...list.map((s) => {
        if (s.type === "choice") { // a fixed set of words: a picker, "" keeps the default
          const pick = h("select", { cls: "lw-setting", attrs: { "data-name": s.name, "aria-label": s.name } });
          setOptions(pick, [["", `${s.default} (default)`], ...s.choices.map((c) => [c, c])], typed[s.name] ?? "");
          return h("label", { cls: "lw-field lw-inline" }, [h("span", { text: s.name }), pick]);
        }
        const input = h("input", { cls: "lw-setting", attrs: {
          type: "text", "data-name": s.name, "aria-label": s.name, size: "8",
          placeholder: s.default === null ? "none" : String(s.default),
          title: `${s.type}${s.optional ? " or empty for none" : ""}, ${s.low} to ${s.high}` } });
        input.value = typed[s.name] ?? "";
        return h("label", { cls: "lw-field lw-inline" }, [h("span", { text: s.name }), input]);
      }));
      knobs.hidden = !list.length;
    }
    const stop = h("button", { cls: "lw-btn lw-stop", text: "Stop", attrs: { type: "button" } });
    const bar = h("progress", { cls: "lw-progress", attrs: { max: "1", value: "0" } });
    const message = h("span", { cls: "lw-message", attrs: { "aria-live": "polite" } });
    const err = h("div", { cls: "lw-error", attrs: { role: "alert" } });
    const metrics = h("div", { cls: "lw-metrics" });
    const drivers = h("div", { cls: "lw-drivers" });
    const board = h("div", { cls: "lw-board lw-scroll-x" });
    const perClass = h("div", { cls: "lw-per-class" });
    const notes = h("ul", { cls: "lw-notes" });
    const summary = h("div", { cls: "lw-summary" });
    const field = (label, input) => h("label", { cls: "lw-field lw-inline" }, [h("span", { text: label }), input]);

    el.appendChild(h("div", { cls: "lepton lw-model-panel" }, [
      h("div", { cls: "lw-toolbar" }, [field("target", target), field("model", algo), train, stop]),
      knobs,
      h("div", { cls: "lw-toolbar" }, [bar, message]),
      err, notes, summary,
      h("div", { cls: "lw-results" }, [metrics, perClass, drivers]),
      board,
    ]));

    train.addEventListener("click", () => {
      const params = {}; // only the settings the user typed; the rest keep their defaults
      for (const input of knobs.querySelectorAll(".lw-setting")) {
        if (input.value.trim() !== "") params[input.dataset.name] = input.value.trim();
      }
      model.send({ type: "train", target: target.value, model: algo.value, params });
    });
    stop.addEventListener("click", () => model.send({ type: "stop" }));
    algo.addEventListener("change", renderSettings);

    function renderPickers() {
      const cols = model.get("columns").map((c) => [c, c]);
      setOptions(target, [["", "(none: find clusters)"], ...cols], model.get("target"));
      setOptions(algo, model.get("models"), model.get("model"));
      renderSettings();
    }
    function renderStatus() {
      const status = model.get("status");
      const running = status === "running";
      train.disabled = running;
      stop.disabled = !running;
      bar.value = model.get("progress");
      bar.hidden = status === "idle";
      message.textContent = model.get("message");
      el.querySelector(".lw-model-panel").dataset.status = status;
    }
    function renderResults() {
      const m = model.get("metrics");
      metrics.replaceChildren(...(m.length ? [
        h("h4", { text: model.get("task") === "clustering" ? `Clusters (${model.get("chosen")}, all rows)`
          : `Test metrics (${model.get("task")}, ${model.get("chosen")})` }),
        table(["metric", "value"], m.map(([k, v]) => [METRIC_NAMES[k] ?? k, fmt(v)]), "lw-table lw-metric-table"),
      ] : []));
      const said = model.get("summary");
      summary.replaceChildren(...(said.length ? [
        h("h4", { text: "What drives the target" }),
        h("ul", { cls: "lw-summary-list" }, said.map((s) => h("li", { text: s }))),
      ] : []));
      const pc = model.get("per_class");
      perClass.replaceChildren(...(pc.length ? [
        h("h4", { text: "Per class (test split)" }),
        table(["class", "precision", "recall", "F1", "support"],
          pc.map((r) => [r.class, fmt(r.precision), fmt(r.recall), fmt(r.f1), fmt(r.support)]),
          "lw-table lw-per-class-table"),
      ] : []));
      const d = model.get("drivers");
      drivers.replaceChildren(...(d.length ? [
        h("h4", { text: "Permutation importance (test split)" }),
        table(["feature", "importance"], d.slice(0, 10).map(([f, v]) => [f, fmt(v)])),
      ] : []));
      const lb = model.get("leaderboard");
      if (lb.length > 1 || (lb.length && model.get("status") === "running")) {
        const keys = Object.keys(lb[0]).filter((k) => k !== "model");
        const head = (k) => (k === "label" ? "model" : k.replace(/^cv_/, "cv ").replace(/^test_/, "test ")
          .replaceAll("_", " "));
        board.replaceChildren(h("h4", { text: "Leaderboard (cross-validation on the training split; the best is tested)" }),
          table(keys.map(head), lb.map((r) => keys.map((k) => (r[k] === null || r[k] === undefined ? "" : fmt(r[k]))))));
      } else board.replaceChildren();
      notes.replaceChildren(...model.get("notes").map((n) => h("li", { cls: "lw-note", text: n })));
    }

    for (const k of ["columns", "models", "target", "model"]) model.on(`change:${k}`, renderPickers);
    for (const k of ["status", "progress", "message"]) model.on(`change:${k}`, renderStatus);
    model.on("change:status", renderResults);
    for (const k of ["metrics", "drivers", "leaderboard", "notes", "task", "per_class", "summary"]) {
      model.on(`change:${k}`, renderResults);
    }
    model.on("change:error", () => errorBox(err, model.get("error")));
    renderPickers();
    renderStatus();
    renderResults();
    errorBox(err, model.get("error"));
  },
};
