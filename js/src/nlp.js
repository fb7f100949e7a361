// NLP tab: text profile, keywords, sentiment and entities of one text column; results
// added to the frame as recipe steps; text classifiers and their leaderboard. Charts are
// bqplot, below.
import { errorBox, fmt, h, pct, setOptions, table } from "./util.js";

const METRIC_NAMES = { accuracy: "accuracy", balanced_accuracy: "balanced accuracy", f1_macro: "F1 (macro)", roc_auc: "ROC AUC" };

/** Text of a group level (null: every text). */
const groupName = (g) => (g === null || g === undefined ? "all texts" : String(g));

function stats(s) {
  return [fmt(s.min), fmt(s.median), fmt(s.mean), fmt(s.max)];
}

function profileSection(r) {
  const p = r.profile;
  const terms = p.top_terms.map(([t, n]) => `${t} (${fmt(n)})`).join(", ");
  return h("section", { cls: "lw-nlp-profile" }, [
    h("h4", { text: `Text profile of ${r.column}` }),
    table(["rows", "missing", "empty", "distinct", "duplicates"],
      [[fmt(p.rows), fmt(p.missing), fmt(p.empty), fmt(p.distinct), fmt(p.duplicates)]], "lw-table lw-nlp-counts"),
    table(["", "min", "median", "mean", "max"],
      [["characters", ...stats(p.chars)], ["words", ...stats(p.words)]], "lw-table lw-nlp-lengths"),
    h("div", { cls: "lw-nlp-terms", text: `Most frequent words${p.terms_sampled ? " (sample)" : ""}, stop words removed: ${terms || "none"}` }),
    ...(p.repeated.length ? [h("div", { cls: "lw-muted", text: "Most repeated texts:" }),
      h("ul", { cls: "lw-notes lw-nlp-rows" }, p.repeated.map(([t, n]) => h("li", { text: `${t} (${fmt(n)}×)`, attrs: { title: t } })))] : []),
  ]);
}

function keywordSection(r) {
  return h("section", { cls: "lw-nlp-keywords" }, [
    h("h4", { text: "Keywords (highest mean TF-IDF weight)" }),
    table(["group", "texts", "keywords"],
      r.keywords.map((k) => [groupName(k.group), fmt(k.texts), k.terms.map((t) => t.term).join(", ")]),
      "lw-table lw-nlp-keyword-table"),
  ]);
}

function sentimentSection(r) {
  const s = r.sentiment;
  const rows = (list) => h("ol", { cls: "lw-notes lw-nlp-rows" },
    list.map((x) => h("li", { text: `${fmt(x.score)}: ${x.text}`, attrs: { title: x.text } })));
  return h("section", { cls: "lw-nlp-sentiment" }, [
    h("h4", { text: "Sentiment (VADER compound score, -1 to +1)" }),
    h("div", { cls: "lw-nlp-sentiment-summary", text:
      `mean ${fmt(s.mean)}; positive ${pct(s.positive, s.scored)}, neutral ${pct(s.neutral, s.scored)}, negative ${pct(s.negative, s.scored)} of ${fmt(s.scored)} texts${s.missing ? ` (${fmt(s.missing)} missing)` : ""}` }),
    ...(s.by_group.length ? [table(["group", "texts", "mean", "positive", "negative"],
      s.by_group.map((g) => [groupName(g.group), fmt(g.texts), fmt(g.mean), pct(g.positive, 1), pct(g.negative, 1)]),
      "lw-table lw-nlp-sentiment-table")] : []),
    h("div", { cls: "lw-muted", text: "Most positive" }), rows(s.most_positive),
    h("div", { cls: "lw-muted", text: "Most negative" }), rows(s.most_negative),
  ]);
}

/** The classifier picker's options: [key, label, why_not]; one that cannot be trained here is
 * disabled, and the note under it holds the install line. */
export function renderChoices(select, note, choices, chosen) {
  setOptions(select, choices.map(([k, label, why]) => [k, why ? `${label} (unavailable)` : label]), chosen);
  choices.forEach(([, , why], i) => { select.options[i].disabled = Boolean(why); });
  if (choices.some(([k]) => k === chosen)) select.value = chosen; // (happy-dom can keep a stale index)
  note.textContent = [...new Set(choices.map((c) => c[2]).filter(Boolean))].join("; ");
  note.hidden = !note.textContent;
}

/** The leaderboard: every classifier trained for one text column and label, best first. */
export function boardSection(rows, what) {
  if (!rows.length) return [];
  return [
    h("h4", { text: `Leaderboard: ${what} (same held-out test split, best balanced accuracy first)` }),
    table(["model", "accuracy", "balanced accuracy", "F1 (macro)", "F1 by class", "seconds"],
      rows.map((r) => [r.stopped ? `${r.model} (stopped early)` : r.model, fmt(r.accuracy), fmt(r.balanced_accuracy),
        fmt(r.f1_macro), r.f1.map(([c, v]) => `${c} ${fmt(v)}`).join(", "), fmt(r.seconds)]),
      "lw-table lw-nlp-board"),
  ];
}

function entitySection(r) {
  const e = r.entities;
  const kinds = e.kinds.map((k) => k.kind);
  return h("section", { cls: "lw-nlp-entities" }, [
    h("h4", { text: "Entities (found by rules)" }),
    table(["kind", "found", "texts with one", "commonest"],
      e.kinds.map((k) => [k.kind, fmt(k.total), fmt(k.rows), k.top.map(([v, n]) => `${v} (${fmt(n)})`).join(", ")]),
      "lw-table lw-nlp-entity-table"),
    ...(e.by_group.length ? [h("div", { cls: "lw-muted", text: "Texts with at least one, by group" }),
      h("div", { cls: "lw-scroll-x" }, [table(["group", ...kinds],
        e.by_group.map((g) => [groupName(g.group), ...kinds.map((k) => pct(g[k], 1))]), "lw-table lw-nlp-entity-groups")])] : []),
  ]);
}

export default {
  render({ model, el }) {
    const column = h("select", { cls: "lw-nlp-column", attrs: { "aria-label": "text column" } });
    const by = h("select", { cls: "lw-nlp-by", attrs: { "aria-label": "group by" } });
    const button = (text, cls, fn) => h("button", { cls: `lw-btn ${cls}`, text, attrs: { type: "button" }, on: { click: fn } });
    const analyze = button("Analyze", "lw-primary lw-nlp-analyze", () => model.send({ type: "analyze", column: column.value, by: by.value }));
    const stop = button("Stop", "lw-nlp-stop", () => model.send({ type: "stop" }));
    const bar = h("progress", { cls: "lw-progress", attrs: { max: "1", value: "0" } });
    const message = h("span", { cls: "lw-message lw-nlp-message", attrs: { "aria-live": "polite" } });
    const err = h("div", { cls: "lw-error", attrs: { role: "alert" } });
    const body = h("div", { cls: "lw-nlp-body" });
    const top = h("input", { cls: "lw-nlp-top", attrs: { type: "text", value: "3", size: "3", "aria-label": "keywords per text" } });
    const add = (what) => model.send({ type: "add", what, column: column.value, top: Number.parseInt(top.value, 10) || 3, by: by.value });
    const picker = h("select", { cls: "lw-nlp-model", attrs: { "aria-label": "classifier" } });
    const pickerNote = h("span", { cls: "lw-muted lw-nlp-model-note" });
    const train = button("Train classifier", "lw-nlp-train", () => model.send({ type: "train", column: column.value, by: by.value, model: picker.value }));
    const board = h("div", { cls: "lw-nlp-leaderboard" });
    const added = h("div", { cls: "lw-nlp-added", attrs: { "aria-live": "polite" } });
    const classifier = h("div", { cls: "lw-nlp-classifier" });
    const field = (label, input) => h("label", { cls: "lw-field lw-inline" }, [h("span", { text: label }), input]);

    el.appendChild(h("div", { cls: "lepton lw-nlp" }, [
      h("div", { cls: "lw-toolbar" }, [field("text column", column), field("group by", by), analyze]),
      h("div", { cls: "lw-toolbar" }, [bar, message, stop]),
      err,
      h("div", { cls: "lw-toolbar lw-nlp-actions" }, [
        h("span", { text: "Add to the frame (as recipe steps):" }),
        button("+ sentiment", "lw-small lw-nlp-add-sentiment", () => add("sentiment")),
        button("+ entity counts", "lw-small lw-nlp-add-entities", () => add("entities")),
        button("+ keywords", "lw-small lw-nlp-add-keywords", () => add("keywords")), field("per text", top),
        picker, train, pickerNote,
        button("+ predicted label", "lw-small lw-nlp-add-prediction", () => add("prediction")),
      ]),
      added, board, classifier, body,
    ]));

    function renderPickers() {
      const cols = model.get("columns");
      setOptions(column, cols.length ? cols.map((c) => [c, c]) : [["", "(no free-text column)"]], model.get("column"));
      setOptions(by, [["", "(none)"], ...model.get("groups").map((c) => [c, c])], model.get("by"));
      for (const b of el.querySelectorAll(".lw-nlp-actions button, .lw-nlp-analyze")) b.disabled = !cols.length || model.get("status") === "running";
      renderChoices(picker, pickerNote, model.get("choices"), model.get("model"));
      train.disabled ||= !by.value || !picker.value || picker.options[picker.selectedIndex]?.disabled === true;
      el.querySelector(".lw-nlp-add-prediction").disabled = train.disabled;
    }
    // a choice is kept in the model first: a re-render then selects it, not the old value
    for (const [key, select] of [["column", column], ["by", by]]) {
      select.addEventListener("change", () => { model.set(key, select.value); model.save_changes(); renderPickers(); });
    }
    picker.addEventListener("change", () => { model.set("model", picker.value); model.save_changes(); });
    function renderStatus() {
      const status = model.get("status");
      bar.value = model.get("progress");
      bar.hidden = status !== "running";
      stop.hidden = status !== "running";
      message.textContent = model.get("message");
      el.querySelector(".lw-nlp").dataset.status = status;
      renderPickers();
    }
    function renderResult() {
      const r = model.get("result");
      body.replaceChildren(...(r && r.profile ? [profileSection(r), keywordSection(r), sentimentSection(r), entitySection(r)] : []));
    }
    function renderClassifier() {
      const c = model.get("classifier");
      classifier.replaceChildren(...(c && c.metrics ? [
        h("h4", { text: `Classifier for ${c.target} (${c.model}, test split)` }),
        table(["metric", "value"], c.metrics.map(([k, v]) => [METRIC_NAMES[k] ?? k, fmt(v)]), "lw-table lw-nlp-metrics"),
        table(["class", "precision", "recall", "F1", "support"],
          c.per_class.map((r) => [r.class, fmt(r.precision), fmt(r.recall), fmt(r.f1), fmt(r.support)]), "lw-table lw-nlp-per-class"),
      ] : []));
    }
    function renderAdded() {
      const a = model.get("added");
      added.textContent = a.length ? `added columns: ${a.join(", ")} (see the Clean and Code tabs)` : "";
    }
    function renderBoard() {
      board.replaceChildren(...boardSection(model.get("board"), model.get("board_for")));
    }
    for (const k of ["columns", "groups", "column", "by", "choices", "model"]) model.on(`change:${k}`, renderPickers);
    for (const k of ["status", "progress", "message"]) model.on(`change:${k}`, renderStatus);
    model.on("change:result", renderResult);
    model.on("change:classifier", renderClassifier);
    model.on("change:added", renderAdded);
    for (const k of ["board", "board_for"]) model.on(`change:${k}`, renderBoard);
    model.on("change:error", () => errorBox(err, model.get("error")));
    renderStatus();
    renderResult();
    renderClassifier();
    renderAdded();
    renderBoard();
    errorBox(err, model.get("error"));
  },
};
