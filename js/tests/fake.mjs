// A stand-in for the anywidget model (get/set/on/send) and a DOM from happy-dom.
import { columnFromArray, int64, tableFromColumns, tableToIPC, utf8 } from "@uwdata/flechette";
import { Window } from "happy-dom";

export function installDom() {
  const window = new Window();
  globalThis.window = window;
  globalThis.document = window.document;
  return window;
}

export class FakeModel {
  constructor(state) {
    this.state = { ...state };
    this.handlers = {};
    this.sent = [];
  }
  get(k) { return this.state[k]; }
  set(k, v) { this.state[k] = v; this.emit(`change:${k}`); }
  save_changes() {}
  on(name, fn) { (this.handlers[name] ??= []).push(fn); }
  off(name, fn) { this.handlers[name] = (this.handlers[name] ?? []).filter((f) => f !== fn); }
  emit(name, ...args) { for (const fn of this.handlers[name] ?? []) fn(...args); }
  send(content) { this.sent.push(content); }
}

export function pageBytes(rows, columns) {
  // the same layout transport.py writes: __row (int64) + c<position> (utf8)
  const cols = { __row: columnFromArray(rows.map((_, i) => BigInt(i)), int64()) };
  columns.forEach((pos, j) => {
    cols[`c${pos}`] = columnFromArray(rows.map((r) => r[j]), utf8());
  });
  return tableToIPC(tableFromColumns(cols), { format: "stream" });
}

