import assert from "node:assert/strict";
import { test } from "node:test";
import { pageBytes } from "./fake.mjs";
import { bytes, decodePage, fmt, pct } from "../src/util.js";

test("decodePage reads cells by column position, nulls stay null", () => {
  const buf = pageBytes([["a", "1"], [null, "<b>x</b>"]], [4, 9]);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const { rowIds, cells } = decodePage(view, [4, 9]);
  assert.deepEqual(rowIds, [0, 1]);
  assert.deepEqual(cells, [["a", "1"], [null, "<b>x</b>"]]);
});

test("bytes accepts DataView, ArrayBuffer and Uint8Array", () => {
  const u = new Uint8Array([1, 2, 3, 4]);
  assert.deepEqual([...bytes(new DataView(u.buffer, 1, 2))], [2, 3]);
  assert.deepEqual([...bytes(u.buffer)], [1, 2, 3, 4]);
  assert.equal(bytes(u), u);
});

test("fmt and pct", () => {
  assert.equal(fmt(null), "n/a");
  assert.equal(fmt(891), "891");
  assert.equal(fmt(53940), "53,940");
  assert.equal(fmt(0.80446927), "0.8045");
  assert.equal(fmt(0.0001234), "1.234e-4");
  assert.equal(pct(177, 891), "20%");
  assert.equal(pct(2, 891), "<1%");
  assert.equal(pct(0, 0), "0%");
});
