import { describe, expect, it } from "vitest";
import { copyMessage, CopyingLoopbackPort } from "../src/pdf/port.js";

const received = (port: CopyingLoopbackPort) =>
  new Promise<unknown>((resolve) => port.addEventListener("message", (e) => resolve(e.data)));

describe("copyMessage: what structuredClone would give, sharing only transferred buffers", () => {
  it("copies arrays and objects, so the sender may empty its own after sending", () => {
    const fnArray = [1, 2];
    const argsArray: unknown[] = [[0, 1], { a: [2] }];
    const copy = copyMessage({ chunk: { fnArray, argsArray } }, new Set()) as { chunk: { fnArray: number[] } };
    fnArray.length = 0;
    argsArray.length = 0;
    expect(copy).toEqual({ chunk: { fnArray: [1, 2], argsArray: [[0, 1], { a: [2] }] } });
  });

  it("shares a transferred buffer and copies any other", () => {
    const moved = new Float32Array([1, 2]);
    const kept = new Uint8Array([3]);
    const copy = copyMessage([moved, kept, new Map([["k", [kept]]]), new Set([1])], new Set([moved.buffer])) as [
      Float32Array,
      Uint8Array,
      Map<string, Uint8Array[]>,
      Set<number>,
    ];
    expect(copy[0]).toBe(moved);
    expect(copy[1]).not.toBe(kept);
    expect([...copy[1]]).toEqual([3]);
    expect(copy[2].get("k")![0]).not.toBe(kept);
    expect([...copy[3]]).toEqual([1]);
  });

  it("keeps an error's name and message", () => {
    const err = Object.assign(new Error("bad password"), { name: "PasswordException", code: 2 });
    const copy = copyMessage({ reason: err }, new Set()) as { reason: Error & { code: number } };
    expect([copy.reason.name, copy.reason.message, copy.reason.code]).toEqual(["PasswordException", "bad password", 2]);
  });
});

describe("CopyingLoopbackPort", () => {
  it("delivers a copy, later and in order, to listeners until their signal aborts", async () => {
    const port = new CopyingLoopbackPort();
    const seen: unknown[] = [];
    const stop = new AbortController();
    port.addEventListener("message", (e) => seen.push(e.data), { signal: stop.signal });
    const sent = { n: [1] };
    port.postMessage(sent);
    port.postMessage({ n: [2] });
    expect(seen).toEqual([]);
    await received(port);
    expect(seen).toEqual([{ n: [1] }, { n: [2] }]);
    expect(seen[0]).not.toBe(sent);
    stop.abort();
    port.postMessage({ n: [3] });
    await received(port);
    expect(seen).toHaveLength(2);
  });

  it("with an arguments copier, an operator list chunk carries what it gives", async () => {
    const port = new CopyingLoopbackPort((fn, args, copy) => (fn === 10 ? copy(args) : null));
    const got = received(port);
    port.postMessage({ stream: 4, chunk: { fnArray: [10, 20], argsArray: [[1], [[{ glyph: "x" }]]], length: 2 } });
    expect(await got).toEqual({ stream: 4, chunk: { fnArray: [10, 20], argsArray: [[1], null], length: 2 } });
  });
});
