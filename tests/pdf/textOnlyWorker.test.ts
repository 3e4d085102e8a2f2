import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { openPdf } from "../../src/pdf/document.js";
import { GLYPH_PROGRAM_ANCHOR, TEXT_ONLY_PATCHES, textOnlyWorkerSource } from "../../src/pdf/pdfjs.js";
import { renderCropsHere } from "../../src/output/html.js";
import { renderCrops } from "../../src/output/render.js";
import { SAMPLES, textSamplePdfs } from "../sampleFiles.js";

const workerPath = createRequire(import.meta.url).resolve("pdfjs-dist/legacy/build/pdf.worker.mjs");

describe("textOnlyWorkerSource", () => {
  it("finds each of its anchors once in the installed pdf.js (a pdf.js update that moves one fails here)", () => {
    const source = readFileSync(workerPath, "utf8");
    for (const { anchor } of TEXT_ONLY_PATCHES) expect(source.split(anchor), anchor).toHaveLength(2);
    const changed = textOnlyWorkerSource(source);
    expect(changed).not.toBeNull();
    for (const { anchor, replacement } of TEXT_ONLY_PATCHES) {
      expect(changed!.split(replacement), replacement).toHaveLength(2);
      if (!replacement.includes(anchor)) expect(changed!.includes(anchor), anchor).toBe(false);
    }
  });
  it("leaves a source alone when an anchor is missing or not unique", () => {
    const patches = [
      { anchor: "a();\n", replacement: "b();\n" },
      { anchor: "c();\n", replacement: "d();\n" },
    ];
    expect(textOnlyWorkerSource("a();\nc();\n", patches)).toBe("b();\nd();\n");
    expect(textOnlyWorkerSource("class Font {}")).toBeNull();
    expect(textOnlyWorkerSource("a();\n", patches)).toBeNull();
    expect(textOnlyWorkerSource("a();\nc();\nc();\n", patches)).toBeNull();
    expect(textOnlyWorkerSource(GLYPH_PROGRAM_ANCHOR + GLYPH_PROGRAM_ANCHOR)).toBeNull();
  });
});

/** Every text item of every page, without the font ids (numbered per document). */
async function textOf(doc: PDFDocumentProxy) {
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent({ disableNormalization: false });
    pages.push(
      content.items.map((it) => ("str" in it ? [it.str, it.transform, it.width, it.height, it.dir, it.hasEOL] : it)),
    );
  }
  return pages;
}

/** The mime types of page `n`'s fonts as the main half of pdf.js received them (none when no font program was kept). */
async function fontTypes(doc: PDFDocumentProxy, n: number) {
  const page = await doc.getPage(n);
  await page.getOperatorList();
  const objs = (page as unknown as { commonObjs: Iterable<[string, { mimetype?: string | null }]> }).commonObjs;
  return [...objs].filter(([id]) => !id.includes("_path_")).map(([, font]) => font.mimetype ?? null);
}

describe("the text-only worker half that extraction opens documents with", () => {
  it("reads the same text as pdf.js's own, from fonts without their glyph programs", async () => {
    for (const file of textSamplePdfs.slice(0, 3)) {
      const data = readFileSync(join(SAMPLES, file));
      const text = await openPdf(new Uint8Array(data));
      const full = await openPdf(new Uint8Array(data), { render: true });
      try {
        const read = await textOf(text);
        expect(read.flat().length, file).toBeGreaterThan(20);
        expect(read, file).toEqual(await textOf(full));
        expect(await fontTypes(full, 1), file).toContain("font/opentype");
        expect(await fontTypes(text, 1), file).not.toContain("font/opentype");
      } finally {
        await text.destroy();
        await full.destroy();
      }
    }
  });
});

describe("renderCrops", () => {
  it("gives each crop asked for, in order: a text-layer page's band as SVG, an OCR'd page's drawn as PNG", async () => {
    const path = join(SAMPLES, textSamplePdfs[0]);
    const [a, b, c] = await renderCrops(path, [
      { page: 1, boxes: [[60, 100, 300, 130]] },
      { page: 1, boxes: [[60, 400, 300, 430]], picture: true },
      { page: 1, boxes: [[60, 400, 300, 430]] },
    ]);
    const svg = (url: string | null) =>
      Buffer.from(url!.replace(/^data:image\/svg\+xml;base64,/, ""), "base64").toString();
    for (const url of [a, c]) expect(url).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(svg(a)).toMatch(/<svg[^>]*viewBox="0 60 /);
    expect(svg(a)).toMatch(/<text [^>]*>[^<]*[\u4e00-\u9fff]/);
    expect(svg(a)).not.toBe(svg(c));
    expect(b).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  });
  it("gives none for a file that is no longer a readable PDF", async () => {
    expect(await renderCrops(join(SAMPLES, "..", "package.json"), [{ page: 1, boxes: [[0, 0, 10, 10]] }])).toEqual([
      null,
    ]);
  });
  it("draws PDFs asked for together in this thread one after another, so none ends another's tasks", async () => {
    const asked = textSamplePdfs
      .slice(0, 3)
      .map((f) => renderCropsHere(join(SAMPLES, f), [{ page: 1, boxes: [[60, 100, 300, 130]], picture: true }]));
    for (const images of await Promise.all(asked)) expect(images[0]).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  });
});
