// Small DOM and data helpers shared by the panels. Data from the kernel is only ever
// placed with textContent: nothing from a frame is parsed as HTML.
import { tableFromIPC } from "@uwdata/flechette";

/**
 * Create an element. `text` is set as textContent; `attrs` as attributes; `on` as listeners.
 * @param {string} tag
 * @param {{cls?: string, text?: string|number, attrs?: Record<string,string>,
 *          on?: Record<string,(e: Event)=>void>}} [opts]
 * @param {Array<Node|null|undefined>} [children]
 * @returns {HTMLElement}
 */
export function h(tag, opts = {}, children = []) {
  const el = document.createElement(tag);
  if (opts.cls) el.className = opts.cls;
  if (opts.text !== undefined && opts.text !== null) el.textContent = String(opts.text);
  for (const [k, v] of Object.entries(opts.attrs ?? {})) el.setAttribute(k, v);
  for (const [k, v] of Object.entries(opts.on ?? {})) el.addEventListener(k, v);
  for (const c of children) if (c) el.appendChild(c);
  return el;
}

/**
 * Turn a binary buffer from the kernel into a Uint8Array.
 * @param {DataView|ArrayBuffer|Uint8Array} buf
 */
export function bytes(buf) {
  if (buf instanceof Uint8Array) return buf;
  if (buf instanceof ArrayBuffer) return new Uint8Array(buf);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/**
 * Decode one grid page (Arrow IPC stream of text columns `c<position>` plus `__row`).
 * @param {DataView|ArrayBuffer|Uint8Array} buf
 * @param {number[]} columns column positions in the page
 * @returns {{rowIds: number[], cells: Array<Array<string|null>>}} cells[row][col]
 */
export function decodePage(buf, columns) {
  const table = tableFromIPC(bytes(buf), { useBigInt: false });
  const rowIds = Array.from(table.getChild("__row").toArray(), Number);
  const cols = columns.map((c) => table.getChild(`c${c}`).toArray());
  const cells = rowIds.map((_, r) => cols.map((col) => col[r]));
  return { rowIds, cells };
}

/**
 * Number formatting for metrics and stats: 4 significant digits, plain integers as is.
 * @param {number|null|undefined} x
 */
export function fmt(x) {
  if (x === null || x === undefined) return "n/a";
  if (typeof x !== "number") return String(x);
  if (Number.isInteger(x)) return x.toLocaleString("en-US");
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return x.toExponential(3);
  return x.toLocaleString("en-US", { maximumSignificantDigits: 4 });
}

/** Percent with no decimals, "<1%" for small non-zero shares. */
export function pct(part, whole) {
  if (!whole) return "0%";
  const p = (100 * part) / whole;
  if (p > 0 && p < 1) return "<1%";
  return `${Math.round(p)}%`;
}

/**
 * Fill a <select> with options (value, label) and keep `selected` chosen.
 * @param {HTMLSelectElement} select
 * @param {Array<[string,string]>} options
 * @param {string[]|string} [selected]
 */
export function setOptions(select, options, selected = []) {
  const chosen = new Set(Array.isArray(selected) ? selected : [selected]);
  select.replaceChildren(
    ...options.map(([value, label]) => {
      const o = h("option", { text: label, attrs: { value } });
      o.selected = chosen.has(value);
      return o;
    }),
  );
}

/**
 * A long decimal as the grid shows it: at most 6 decimals, like pandas (the exact text the
 * kernel sent stays in the cell's title). Other text is returned as it is.
 * @param {string} text
 */
export function shortDecimal(text) {
  if (!/^-?\d+\.\d{7,}$/.test(text)) return text;
  const x = Number(text);
  if (Math.abs(x) < 0.001) return x.toPrecision(6); // small: keep significant digits
  return x.toFixed(6).replace(/0+$/, "").replace(/\.$/, ".0");
}

/** Values chosen in a <select> (multiple or not). */
export function selectedValues(select) {
  // (not selectedOptions: happy-dom, used by the unit tests, can serve a stale copy of it)
  return Array.from(select.options).filter((o) => o.selected).map((o) => o.value);
}

/** A table element from header names and rows of cell text. */
export function table(headers, rows, cls = "lw-table") {
  return h("table", { cls }, [
    h("thead", {}, [h("tr", {}, headers.map((x) => h("th", { text: x })))]),
    h("tbody", {}, rows.map((r) => h("tr", {}, r.map((x) => h("td", { text: x }))))),
  ]);
}

/** Show text in an error box (hidden when empty). */
export function errorBox(el, text) {
  el.textContent = text || "";
  el.hidden = !text;
}
