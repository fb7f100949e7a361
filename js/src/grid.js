// Data tab: a grid that asks the kernel for one page at a time, and column profiles.
import { decodePage, errorBox, fmt, h, pct, shortDecimal } from "./util.js";

const SVG = "http://www.w3.org/2000/svg";

/** Mini histogram as SVG bars (numbers only, no text from the data). */
function sparkBars(counts, width = 160, height = 36) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.setAttribute("class", "lw-spark");
  const max = Math.max(1, ...counts);
  const w = width / Math.max(1, counts.length);
  counts.forEach((c, i) => {
    const bh = Math.max(c > 0 ? 1 : 0, (c / max) * height);
    const r = document.createElementNS(SVG, "rect");
    r.setAttribute("x", String(i * w + 0.5));
    r.setAttribute("y", String(height - bh));
    r.setAttribute("width", String(Math.max(1, w - 1)));
    r.setAttribute("height", String(bh));
    svg.appendChild(r);
  });
  return svg;
}

function columnCard(p, nRows) {
  const stats = [];
  stats.push(`missing ${fmt(p.missing)} (${pct(p.missing, nRows)})`);
  stats.push(`distinct ${fmt(p.distinct)}`);
  if (p.kind === "numeric" && p.mean !== undefined) {
    stats.push(`min ${fmt(p.min)}`, `mean ${fmt(p.mean)}`, `max ${fmt(p.max)}`);
  } else if (p.kind === "datetime" && p.min) {
    stats.push(`${p.min} → ${p.max}`);
  }
  const children = [
    h("div", { cls: "lw-card-head" }, [
      h("span", { cls: "lw-col-name", text: p.name }),
      h("span", { cls: `lw-kind lw-kind-${p.kind}`, text: p.kind }),
    ]),
    h("div", { cls: "lw-card-stats", text: stats.join(" · ") }),
  ];
  if (p.histogram) children.push(sparkBars(p.histogram.counts));
  if (p.top) {
    children.push(h("ul", { cls: "lw-top" }, p.top.map(([v, c]) =>
      h("li", {}, [h("span", { text: v === null ? "NA" : String(v) }),
                   h("span", { cls: "lw-muted", text: fmt(c) })]))));
  }
  if (p.warnings.length) {
    children.push(h("div", { cls: "lw-chips" },
      p.warnings.map((w) => h("span", { cls: `lw-chip lw-warn-${w}`, text: w.replace("_", " ") }))));
  }
  return h("div", { cls: "lw-card", attrs: { "data-column": p.name } }, children);
}

export default {
  render({ model, el }) {
    let offset = 0;
    let colOffset = 0;
    let sort = null; // [column position, ascending]
    let query = "";
    let debounce = null;
    let counter = 0;
    let requestId = "";
    const viewId = Math.random().toString(36).slice(2); // replies go to every view

    const shapeText = h("span", { cls: "lw-shape" });
    const search = h("input", { cls: "lw-search", attrs: { type: "search", placeholder: "search rows", "aria-label": "search rows" } });
    search.addEventListener("input", () => {
      clearTimeout(debounce); // ask the kernel once typing pauses
      debounce = setTimeout(() => {
        query = search.value;
        offset = 0;
        request();
      }, 300);
    });
    const rangeText = h("span", { cls: "lw-range" });
    const colText = h("span", { cls: "lw-range" });
    const err = h("div", { cls: "lw-error", attrs: { role: "alert" } });
    const thead = h("thead");
    const tbody = h("tbody");
    const grid = h("table", { cls: "lw-grid" }, [thead, tbody]);
    const findings = h("ol", { cls: "lw-findings" });
    const cards = h("div", { cls: "lw-cards" });
    const profStatus = h("div", { cls: "lw-muted" });

    const pageSize = () => model.get("page_size");
    const nRows = () => model.get("shape")[0];
    const nCols = () => model.get("shape")[1] + model.get("index_columns");
    const btn = (text, title, fn) =>
      h("button", { cls: "lw-btn lw-small", text, attrs: { title, type: "button" }, on: { click: fn } });
    let shown = 0; // rows the last page said exist (all rows, or those matching a search)
    const go = (o) => {
      offset = Math.max(0, Math.min(o, Math.max(0, shown - 1)));
      offset -= offset % pageSize();
      request();
    };
    const goCols = (o) => {
      colOffset = Math.max(0, Math.min(o, Math.max(0, nCols() - 1)));
      request();
    };
    const colPager = h("span", { cls: "lw-pager" }, [
      btn("‹ columns", "previous columns", () => goCols(colOffset - model.get("max_page_columns"))),
      colText,
      btn("columns ›", "next columns", () => goCols(colOffset + model.get("max_page_columns"))),
    ]);

    el.appendChild(h("div", { cls: "lepton lw-data" }, [
      h("div", { cls: "lw-toolbar" }, [
        shapeText,
        search,
        h("span", { cls: "lw-pager" }, [
          btn("«", "first page", () => go(0)),
          btn("‹", "previous page", () => go(offset - pageSize())),
          rangeText,
          btn("›", "next page", () => go(offset + pageSize())),
          btn("»", "last page", () => go(shown - 1)),
        ]),
        colPager,
      ]),
      err,
      h("div", { cls: "lw-split" }, [
        h("div", { cls: "lw-grid-wrap" }, [grid]),
        h("aside", { cls: "lw-profile" }, [
          h("h4", { text: "Findings" }), findings, h("h4", { text: "Columns" }), profStatus, cards,
        ]),
      ]),
    ]));

    function request() {
      counter += 1;
      requestId = `${viewId}:${counter}`;
      model.send({
        type: "page", id: requestId, offset, limit: pageSize(), col_offset: colOffset, sort, query,
      });
    }

    function renderHeader(cols, schema) {
      const cells = [h("th", { cls: "lw-rownum", text: "#" })];
      cols.forEach((c, j) => {
        const info = schema[j] ?? { name: `column ${c}`, kind: "" };
        const mark = sort && sort[0] === c ? (sort[1] ? " ▲" : " ▼") : "";
        cells.push(h("th", {
          cls: `lw-sortable lw-k-${info.kind}`,
          attrs: { title: `${info.name} (${info.dtype ?? ""}) - click to sort`, "data-column": info.name },
          on: {
            click: () => {
              if (!sort || sort[0] !== c) sort = [c, true];
              else if (sort[1]) sort = [c, false];
              else sort = null;
              offset = 0;
              request();
            },
          },
        }, [h("span", { text: info.name }), h("span", { cls: "lw-sort", text: mark })]));
      });
      thead.replaceChildren(h("tr", {}, cells));
    }

    function onPage(msg, buffers) {
      if (msg.type !== "page" || msg.id !== requestId) return; // stale reply
      const { rowIds, cells } = decodePage(buffers[0], msg.columns);
      const schema = msg.schema ?? [];
      renderHeader(msg.columns, schema);
      tbody.replaceChildren(...cells.map((row, r) => h("tr", {}, [
        h("td", { cls: "lw-rownum", text: rowIds[r] }),
        ...row.map((v, j) => {
          const kind = schema[j]?.kind ?? "";
          return v === null
            ? h("td", { cls: "lw-na", text: "NA" })
            : kind === "numeric" && shortDecimal(v) !== v
              ? h("td", { cls: `lw-k-${kind}`, text: shortDecimal(v), attrs: { title: v } })
              : h("td", { cls: `lw-k-${kind}`, text: v });
        }),
      ])));
      const n = msg.n_matching ?? msg.n_rows;
      shown = n;
      const of = n === msg.n_rows ? fmt(n) : `${fmt(n)} matching (${fmt(msg.n_rows)} in all)`;
      rangeText.textContent = n === 0 ? (msg.n_rows ? "no matching rows" : "no rows")
        : `rows ${fmt(msg.offset + 1)}–${fmt(msg.offset + msg.rows)} of ${of}`;
      const c0 = msg.columns[0] ?? 0;
      colText.textContent = `columns ${c0 + 1}–${c0 + msg.columns.length} of ${fmt(msg.n_columns)}`;
      colPager.hidden = msg.n_columns <= model.get("max_page_columns");
    }

    function renderShape() {
      const [r, c] = model.get("shape");
      const k = model.get("index_columns");
      const extra = k ? ` (+ ${k} index column${k > 1 ? "s" : ""})` : "";
      const kept = model.get("filter_rows") ?? -1;
      const rows = kept >= 0 ? `${fmt(kept)} of ${fmt(r)} rows (${model.get("filter_label")})` : `${fmt(r)} rows`;
      shapeText.textContent = `${rows} × ${fmt(c)} column${c === 1 ? "" : "s"}${extra}`;
    }

    function renderProfile() {
      const status = model.get("profile_status");
      profStatus.textContent = status === "ready" ? "" : status;
      const f = model.get("findings");
      findings.replaceChildren(...(f.length ? f.map((x, i) => h("li", {}, [
        h("span", { text: x.text }),
        x.fix ? h("button", {
          cls: "lw-btn lw-small lw-fix", text: `+ ${x.fix}`,
          attrs: { type: "button", title: "add this step to the recipe (Clean tab)" },
          on: { click: () => model.send({ type: "fix", index: i }) },
        }) : null,
      ])) : [h("li", { cls: "lw-muted", text: "nothing stands out" })]));
      cards.replaceChildren(...model.get("profiles").map((p) => columnCard(p, nRows())));
    }

    model.on("msg:custom", onPage);
    model.on("change:version", () => {
      sort = null;
      if (offset >= nRows()) offset = 0;
      if (colOffset >= nCols()) colOffset = 0;
      renderShape();
      request();
    });
    const onFilter = () => { // a brush on a chart: page the rows it keeps from the top
      offset = 0;
      renderShape();
      request();
    };
    model.on("change:filter_rows", onFilter);
    model.on("change:filter_label", onFilter);
    model.on("change:profiles", renderProfile);
    model.on("change:findings", renderProfile);
    model.on("change:profile_status", renderProfile);
    model.on("change:error", () => errorBox(err, model.get("error")));
    renderShape();
    renderProfile();
    errorBox(err, model.get("error"));
    request();
    return () => model.off("msg:custom", onPage);
  },
};
