import assert from "node:assert/strict";
import { test } from "node:test";
import { pageBytes } from "./fake.mjs";
import { bytes, decodePage, fmt, pct, shortDecimal } from "../src/util.js";

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

test("shortDecimal: long decimals to 6 places like pandas, the rest untouched", () => {
  assert.equal(shortDecimal("47.927342045293216"), "47.927342");
  assert.equal(shortDecimal("0.30000000000000004"), "0.3");
  assert.equal(shortDecimal("0.9999999999"), "1.0");
  assert.equal(shortDecimal("-12.1000000001"), "-12.1");
  assert.equal(shortDecimal("0.00000012345678"), "1.23457e-7");
  assert.equal(shortDecimal("3.25"), "3.25");
  assert.equal(shortDecimal("123456789012345678901"), "123456789012345678901"); // big ints stay exact
  assert.equal(shortDecimal("1e-300"), "1e-300");
});
