import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { openPdf, readPage, skipFontLoading } from "../src/pdf/document.js";
import { SAMPLES, textSamplePdfs } from "./sampleFiles.js";

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
