// Features tab: how columns become model inputs; a preview of the names and shape.
import { errorBox, fmt, h, setOptions } from "./util.js";

const CHOICES = {
  scale: [["standard", "standardize (mean 0, sd 1)"], ["minmax", "min-max to 0-1"], ["robust", "robust (median, IQR)"], ["none", "no scaling"]],
  transform: [["none", "as they are"], ["log", "signed log"], ["yeo-johnson", "Yeo-Johnson"]],
  poly: [["none", "no products"], ["interactions", "pairwise products"], ["squares", "products and squares"]],
  bin_strategy: [["quantile", "bins of equal counts"], ["uniform", "bins of equal width"]],
  encode: [["onehot", "one-hot (top 19 levels + other)"], ["ordinal", "ordinal codes"], ["target", "target encoding (cross-fitted)"]],
  text: [["drop", "leave free text out"], ["tfidf", "TF-IDF words (500 per column)"]],
  dates: [["parts", "year, month, day, weekday, hour"], ["cyclical", "year + sin/cos of month, weekday, hour"], ["none", "leave dates out"]],
};
const LABELS = {
  scale: "numbers: scale", transform: "numbers: transform", poly: "numbers: interactions",
  bin_strategy: "numbers: bins (when cut)", encode: "categories", text: "free text", dates: "dates",
};

export default {
  render({ model, el }) {
    const selects = {};
    const field = (label, input) => h("label", { cls: "lw-field" }, [h("span", { text: label }), input]);
    const fields = Object.entries(CHOICES).map(([name, options]) => {
      selects[name] = h("select", { cls: `lw-feat-${name}`, attrs: { "aria-label": name } });
      setOptions(selects[name], options, model.get("options")[name]);
      return field(LABELS[name], selects[name]);
    });
    const select = h("input", { cls: "lw-feat-select", attrs: { type: "text", placeholder: "all", "aria-label": "keep best" } });
    const bins = h("input", { cls: "lw-feat-bins", attrs: { type: "text", placeholder: "off", "aria-label": "bins" } });
    const variance = h("input", { cls: "lw-feat-variance", attrs: { type: "text", placeholder: "off", "aria-label": "minimum variance" } });
    const pca = h("input", { cls: "lw-feat-pca", attrs: { type: "text", placeholder: "off", "aria-label": "pca" } });
    const target = h("select", { cls: "lw-feat-target", attrs: { "aria-label": "target" } });
    const err = h("div", { cls: "lw-error", attrs: { role: "alert" } });
    const out = h("div", { cls: "lw-feat-preview", attrs: { "aria-live": "polite" } });
    const options = () => ({
      ...Object.fromEntries(Object.entries(selects).map(([k, s]) => [k, s.value])),
      select: select.value, pca: pca.value, bins: bins.value, min_variance: variance.value,
    });
    const button = (text, cls, fn) => h("button", { cls: `lw-btn ${cls}`, text, attrs: { type: "button" }, on: { click: fn } });

    el.appendChild(h("div", { cls: "lepton lw-features" }, [
      h("div", { cls: "lw-form" }, [
        ...fields,
        field("numbers: cut into k bins instead of scaling", bins),
        field("drop features with variance at most", variance),
        field("keep the best k features (mutual information)", select),
        field("project on n principal components", pca),
        h("div", { cls: "lw-muted", text: "Everything here is fitted on the training split only, inside the model's Pipeline. The Model tab uses these options." }),
        field("target (for the preview)", target),
        h("div", { cls: "lw-toolbar" }, [
          button("Preview features", "lw-feat-preview-btn", () => model.send({ type: "preview", options: options(), target: target.value })),
          button("Use for models", "lw-primary lw-feat-use", () => model.send({ type: "set", options: options() })),
        ]),
        err,
      ]),
      out,
    ]));

    function renderTargets() {
      setOptions(target, [["", "(none)"], ...model.get("columns").map((c) => [c, c])], target.value);
    }
    function renderPreview() {
      const p = model.get("preview");
      if (!p || p.n_features === undefined) {
        out.replaceChildren();
        return;
      }
      const dropped = Object.entries(p.dropped ?? {});
      out.replaceChildren(
        h("h4", { text: `${fmt(p.n_features)} features from ${fmt(p.rows)} training rows` }),
        h("ol", { cls: "lw-feat-names" }, p.names.map((n) => h("li", { text: n }))),
        ...(p.names.length < p.n_features ? [h("div", { cls: "lw-muted", text: `first ${p.names.length} shown` })] : []),
        ...(dropped.length ? [h("h4", { text: "Left out" }),
          h("ul", { cls: "lw-notes" }, dropped.map(([c, why]) => h("li", { text: `${c}: ${why}` })))] : []),
      );
    }
    model.on("change:columns", renderTargets);
    model.on("change:preview", renderPreview);
    model.on("change:error", () => errorBox(err, model.get("error")));
    renderTargets();
    renderPreview();
    errorBox(err, model.get("error"));
  },
};
