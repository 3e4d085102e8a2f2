import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { InflateAtOnce } from "../src/pdf/inflate.js";
import { openPdf, readPage, skipFontLoading } from "../src/pdf/document.js";
import { SAMPLES, textSamplePdfs } from "./sampleFiles.js";

const ROOT = resolve(fileURLToPath(import.meta.url), "../..");
const sample = () => new Uint8Array(readFileSync(join(SAMPLES, textSamplePdfs[0])));

it("opens documents for extraction with pdf.js's font loading switched off (the internal it relies on exists)", async () => {
  const doc = await openPdf(sample());
  try {
    expect(skipFontLoading(doc)).toBe(true);
    const page = await readPage(doc, 1, { graphics: true });
    expect(page.glyphs.length).toBeGreaterThan(50);
    expect(page.segments.length).toBeGreaterThan(10);
  } finally {
    await doc.destroy();
  }
});

describe("InflateAtOnce (pdf.js's DecompressionStream)", () => {
  const read = async (input: Uint8Array) => {
    const stream = new InflateAtOnce("deflate");
    const writer = stream.writable.getWriter();
    void writer
      .write(input)
      .then(() => writer.close())
      .catch(() => {});
    const chunks: Uint8Array[] = [];
    for await (const c of stream.readable) chunks.push(c);
    return Buffer.concat(chunks).toString("utf8");
  };
  it("inflates deflate data", async () => {
    expect(await read(deflateSync(Buffer.from("BT /F1 12 Tf (政府信息公开) Tj ET")))).toBe(
      "BT /F1 12 Tf (政府信息公开) Tj ET",
    );
  });
  it("fails on a truncated stream, so pdf.js falls back to its own tolerant decoder", async () => {
    const whole = deflateSync(Buffer.from("x".repeat(5000) + "y".repeat(5000)));
    await expect(read(whole.subarray(0, whole.length - 6))).rejects.toThrow();
  });
  it("refuses formats it does not inflate", () => {
    expect(() => new InflateAtOnce("brotli")).toThrow(TypeError);
  });
});

describe("pdf.js's built-in replacements", () => {
  const run = (code: string) =>
    spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: ROOT, encoding: "utf8" });

  it("are undone for every entry point: loading pdf.js before its built-ins are captured fails at once", () => {
    const early = run(`await import("pdfjs-dist/legacy/build/pdf.mjs"); await import("./dist/pdf/natives.js");`);
    expect(early.status).not.toBe(0);
    expect(early.stderr).toContain("import it through src/pdf/pdfjs.ts");
    for (const entry of ["cli/worker.js", "cli/main.js", "cli/inspect.js"])
      expect(run(`await import("./dist/${entry}");`).stderr, entry).toBe("");
  });
});
