import { fullWorkerHandler, getDocument, OPS, PasswordResponses, PDFWorker, textOnlyWorkerHandler } from "./pdfjs.js";
import { CopyingLoopbackPort, type ArgumentsCopier } from "./port.js";
import { restoreNatives } from "./natives.js";
import { useInflateAtOnce } from "./inflate.js";
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { runsToGlyphs, type FontStyle, type TextRun } from "./glyphs.js";
import { decodeGraphics, type Matrix, type PathOps } from "./paths.js";
import { decodeText, type TextFont, type TextOps } from "./textOps.js";
import type { Glyph, PageModel, TextLayerStatus } from "./types.js";

useInflateAtOnce();

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
// pdf.js needs its own CMaps for CJK fonts without embedded ToUnicode, and its standard fonts for the 14 base fonts.
const cMapUrl = join(pdfjsRoot, "cmaps") + "/";
const standardFontDataUrl = join(pdfjsRoot, "standard_fonts") + "/";

const binaryCache = new Map<string, Uint8Array>();

/**
 * Hands pdf.js its CMaps, standard fonts and wasm from its own package folder, read once per process and
 * shared by every document (a batch opens thousands). Copies go out, as pdf.js may transfer what it gets.
 */
class CachedBinaryDataFactory {
  private readonly roots: Record<string, string | null>;
  constructor(urls: { cMapUrl?: string | null; standardFontDataUrl?: string | null; wasmUrl?: string | null }) {
    this.roots = {
      cMapUrl: urls.cMapUrl ?? null,
      standardFontDataUrl: urls.standardFontDataUrl ?? null,
      wasmUrl: urls.wasmUrl ?? null,
    };
  }
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const root = this.roots[kind];
    if (!root) throw new Error(`no folder for pdf.js ${kind}`);
    const path = `${root}${filename}`;
    let data = binaryCache.get(path);
    if (!data) {
      data = new Uint8Array(await readFile(path));
      binaryCache.set(path, data);
    }
    return data.slice();
  }
}

const sharedWorkers = new Map<"extract" | "render", PDFWorker>();

/**
 * pdf.js's worker half, on this thread behind a CopyingLoopbackPort, set up once for every document it opens:
 * one for extraction, whose operator lists carry only what decodeGraphics reads and whose fonts keep no glyph
 * programs, and one for rendering.
 */
async function pdfWorker(use: "extract" | "render"): Promise<PDFWorker> {
  let worker = sharedWorkers.get(use);
  if (!worker) {
    const handler = await (use === "extract" ? textOnlyWorkerHandler() : fullWorkerHandler());
    worker = sharedWorkers.get(use);
    if (worker) return worker;
    const port = new CopyingLoopbackPort(use === "extract" ? extractionArguments : null);
    handler.initializeFromPort(port);
    worker = new PDFWorker({ port: port as never });
    sharedWorkers.set(use, worker);
  }
  return worker;
}

/** A failure a person can act on; `code` is stable for files.csv. */
export class PdfInputError extends Error {
  constructor(
    readonly code: "not-pdf" | "encrypted" | "wrong-password" | "damaged" | "empty-file",
    message: string,
  ) {
    super(message);
  }
}

/** Larger images are skipped by pdf.js (a 10000 × 10000 scan is already far beyond a report page at 600 dpi). */
const MAX_IMAGE_PIXELS = 100_000_000;

export interface OpenOptions {
  password?: string;
  /** Opening for rendering (crops): pdf.js then builds glyph outlines, which extraction never needs. */
  render?: boolean;
}

/**
 * Extraction never draws, yet pdf.js hands every font of an operator list to its font loader, which in Node
 * cannot load it and falls back to compiling every glyph's outline: a quarter of the time of a text-layer
 * report. A document opened for extraction gets a loader that takes fonts without loading them.
 * (`_transport.fontLoader` is internal to pdf.js; tests/pdf.test.ts fails if a pdf.js update renames it.)
 */
export function skipFontLoading(doc: PDFDocumentProxy): boolean {
  const loader = (doc as unknown as { _transport?: { fontLoader?: { bind?: unknown } } })._transport?.fontLoader;
  if (!loader || typeof loader.bind !== "function") return false;
  loader.bind = async () => {};
  return true;
}

export async function openPdf(data: Uint8Array, options: OpenOptions = {}): Promise<PDFDocumentProxy> {
  if (data.length === 0) throw new PdfInputError("empty-file", "the file is empty (0 bytes)");
  const head = Buffer.from(data.subarray(0, 1024)).toString("latin1");
  // Read before pdf.js takes the bytes (it detaches the buffer).
  const hasEof = Buffer.from(data.subarray(Math.max(0, data.length - 2048)))
    .toString("latin1")
    .includes("%%EOF");
  if (!head.includes("%PDF-")) {
    const kind = head.startsWith("PK") ? "a ZIP file (not a Word .docx)" : null;
    throw new PdfInputError(
      "not-pdf",
      `the file is ${kind ?? "none of the forms read"}: not a PDF (no %PDF- header), web page or Word file`,
    );
  }
  const task = getDocument({
    data,
    worker: await pdfWorker(options.render ? "render" : "extract"),
    password: options.password,
    cMapUrl,
    cMapPacked: true,
    BinaryDataFactory: CachedBinaryDataFactory,
    standardFontDataUrl,
    useSystemFonts: false,
    isEvalSupported: false,
    // Images are only placed, never looked at: a decompression bomb must not be inflated.
    maxImageSize: MAX_IMAGE_PIXELS,
    disableFontFace: options.render === true,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    restoreNatives(); // the worker half of pdf.js, loaded by the first document, patches it again
    if (!options.render) skipFontLoading(doc);
    return doc;
  } catch (err) {
    const e = err as { name?: string; code?: number; message?: string };
    if (e.name === "PasswordException") {
      throw e.code === PasswordResponses.INCORRECT_PASSWORD
        ? new PdfInputError("wrong-password", "the PDF is encrypted and the given --password is wrong")
        : new PdfInputError("encrypted", "the PDF is encrypted with a user password (give it with --password)");
    }
    const hint = hasEof ? "" : "; it has no end-of-file marker, so it is probably truncated (an incomplete download?)";
    throw new PdfInputError("damaged", `the PDF is damaged and cannot be opened (${e.message ?? String(err)})${hint}`);
  }
}

export const pathOps: PathOps = {
  save: OPS.save,
  restore: OPS.restore,
  transform: OPS.transform,
  constructPath: OPS.constructPath,
  paintFormXObjectBegin: OPS.paintFormXObjectBegin,
  paintFormXObjectEnd: OPS.paintFormXObjectEnd,
  stroke: OPS.stroke,
  closeStroke: OPS.closeStroke,
  fill: OPS.fill,
  eoFill: OPS.eoFill,
  fillStroke: OPS.fillStroke,
  eoFillStroke: OPS.eoFillStroke,
  closeFillStroke: OPS.closeFillStroke,
  closeEOFillStroke: OPS.closeEOFillStroke,
  paintImageXObject: OPS.paintImageXObject,
  paintInlineImageXObject: OPS.paintInlineImageXObject,
  paintImageMaskXObject: OPS.paintImageMaskXObject,
  paintImageXObjectRepeat: OPS.paintImageXObjectRepeat,
};

export const textOps: TextOps = {
  save: OPS.save,
  restore: OPS.restore,
  transform: OPS.transform,
  paintFormXObjectBegin: OPS.paintFormXObjectBegin,
  paintFormXObjectEnd: OPS.paintFormXObjectEnd,
  beginAnnotation: OPS.beginAnnotation,
  endAnnotation: OPS.endAnnotation,
  setGState: OPS.setGState,
  beginText: OPS.beginText,
  setFont: OPS.setFont,
  setTextMatrix: OPS.setTextMatrix,
  moveText: OPS.moveText,
  setLeadingMoveText: OPS.setLeadingMoveText,
  nextLine: OPS.nextLine,
  setLeading: OPS.setLeading,
  setCharSpacing: OPS.setCharSpacing,
  setWordSpacing: OPS.setWordSpacing,
  setHScale: OPS.setHScale,
  setTextRise: OPS.setTextRise,
  showText: OPS.showText,
};

const readOperators = new Set([...Object.values(pathOps), ...Object.values(textOps)]);

/**
 * What extraction's operator lists carry: the arguments decodeGraphics and decodeText read, copied, except a
 * showText's glyphs, which are shared (pdf.js caches one glyph object per font and character and never changes
 * it), and of a graphics state only the font it sets.
 */
const extractionArguments: ArgumentsCopier = (fn, args, copy) => {
  if (!readOperators.has(fn) || !Array.isArray(args)) return null;
  if (fn === OPS.showText) return [Array.isArray(args[0]) ? args[0].slice() : []];
  if (fn === OPS.setGState)
    return [copy((args[0] as [string, unknown][] | null)?.filter(([key]) => key === "Font") ?? [])];
  return copy(args);
};

/** Text that came out as private-use, replacement or control characters was not decoded into real characters. */
export function textLayerStatus(glyphs: Glyph[]): TextLayerStatus {
  if (glyphs.length === 0) return "empty";
  let bad = 0;
  let cjk = 0;
  for (const g of glyphs) {
    const c = g.text.codePointAt(0) ?? 0;
    if ((c >= 0xe000 && c <= 0xf8ff) || c === 0xfffd || c < 0x20) bad++;
    if (c >= 0x4e00 && c <= 0x9fff) cjk++;
  }
  if (bad / glyphs.length > 0.3) return "unusable";
  // A Chinese report page of some length with no Chinese character at all is a font without a usable ToUnicode.
  if (glyphs.length >= 40 && cjk === 0) return "unusable";
  return "ok";
}

/** Pages whose text holds a handful of numbers may hold a table: only those pay for an operator list. */
function mayHoldTable(glyphs: Glyph[]): boolean {
  let digits = 0;
  for (const g of glyphs) if (/[0-9０-９]/.test(g.text)) digits++;
  return digits >= 6;
}

/** With `graphics`, the operator list is read whatever the text says (to find images needing OCR). */
export async function readPage(
  doc: PDFDocumentProxy,
  pageNumber: number,
  options: { graphics?: boolean } = {},
): Promise<PageModel> {
  const page = await doc.getPage(pageNumber);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const transform = viewport.transform as Matrix;
    // One pass over the content stream gives both text and lines (the operator list); a page with a font that
    // placement does not follow (Type 3, vertical) is read again for its text layer.
    const opList = await page.getOperatorList();
    const fonts = (page as unknown as { commonObjs: { has(id: string): boolean; get(id: string): TextFont } })
      .commonObjs;
    const fontOf = (name: string) => (fonts.has(name) ? fonts.get(name) : null);
    let glyphs = decodeText(opList.fnArray, opList.argsArray, textOps, transform, fontOf);
    if (!glyphs) {
      const content = await page.getTextContent({ disableNormalization: false });
      const runs = content.items.filter((it): it is TextRun & typeof it => "str" in it);
      glyphs = runsToGlyphs(runs, content.styles as Record<string, FontStyle>, transform);
    }
    const textLayer = textLayerStatus(glyphs);
    let segments: PageModel["segments"] = [];
    let images: PageModel["images"] = [];
    const graphicsRead = Boolean(options.graphics) || textLayer !== "ok" || mayHoldTable(glyphs);
    if (graphicsRead) {
      const decoded = decodeGraphics(
        opList.fnArray,
        opList.argsArray,
        pathOps,
        transform,
        viewport.width * viewport.height,
      );
      segments = decoded.segments;
      images = decoded.images;
    }
    return {
      number: pageNumber,
      width: viewport.width,
      height: viewport.height,
      glyphs,
      segments,
      images,
      graphicsRead,
      textLayer,
      source: "text",
    };
  } finally {
    page.cleanup();
  }
}
