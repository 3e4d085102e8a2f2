/**
 * The bundled samples and their truth. Samples whose truth style is "scan" or "mixed" (made by
 * scripts/make-scans.ts) can only be read by OCR: slow, and not expected to be perfect, so tests that want
 * every value right and fast (or feed every sample to a batch) take `textSamplePdfs`; the OCR samples have
 * their own test (tests/ocr.e2e.test.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(fileURLToPath(import.meta.url), "../..");
export const SAMPLES = join(ROOT, "samples");

export interface Truth {
  file: string;
  sha256: string;
  agency: string;
  year: number;
  template: string;
  style?: string;
  cells: Record<string, number>;
}

export const OCR_STYLES = new Set(["scan", "mixed"]);

export const truthOf = (pdf: string): Truth =>
  JSON.parse(readFileSync(join(SAMPLES, pdf.replace(/\.pdf$/, ".truth.json")), "utf8")) as Truth;

/** Every samples/*.pdf, sorted by name. */
export const allSamplePdfs: string[] = readdirSync(SAMPLES)
  .filter((f) => f.endsWith(".pdf"))
  .sort();

/** Whether a sample can only be read by OCR (a scan, or a document with its tables pasted as pictures). */
export const isOcrSample = (pdf: string): boolean => OCR_STYLES.has(truthOf(pdf).style ?? "");

/** The samples with a text layer for every table: read exactly, without OCR. */
export const textSamplePdfs: string[] = allSamplePdfs.filter((f) => !isOcrSample(f));

/** The samples that need OCR. */
export const ocrSamplePdfs: string[] = allSamplePdfs.filter(isOcrSample);
