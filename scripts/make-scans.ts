/**
 * Makes the OCR samples from one of the project's own samples (samples/sample-xinan-2022-ruled.pdf):
 *
 *   - samples/sample-xinan-2022-scan.pdf: what a scanner produces from the printed report. Every page is
 *     rendered with pdf.js at 200 dpi, turned grey on slightly off-white paper, rotated by a small fixed
 *     angle, given mild deterministic noise (grain and dust specks) (seeded PRNG) and stored as a JPEG filling the
 * page. No text layer.
 *   - samples/sample-xinan-2022-mixed.pdf: what a Word document with pasted pictures gives. The title,
 *     headings, prose and the active-disclosure tables stay real text (re-set with Noto Sans SC at the
 *     original positions, ruling lines redrawn), while the applications table (both of its page parts) and the
 *     review/litigation table are pictures (PNG crops of the rendered page at 200 dpi) in their place.
 *
 * Each PDF gets a X.truth.json beside it: the original's cells, agency, year and template, with its own
 * file name and sha256 and the style "scan" or "mixed". The output is byte-for-byte reproducible.
 *
 * Run with `npx tsx scripts/make-scans.ts`.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createCanvas, type Canvas } from "@napi-rs/canvas";
import { getDocument, OPS, type PDFDocumentProxy, type PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import PDFDocument from "pdfkit";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SAMPLES_DIR = join(ROOT, "samples");
const SOURCE = "sample-xinan-2022-ruled.pdf";
const FONT_DIR = join(ROOT, "node_modules/@expo-google-fonts/noto-sans-sc");
const FONT_REGULAR = join(FONT_DIR, "400Regular/NotoSansSC_400Regular.ttf");
const FONT_BOLD = join(FONT_DIR, "700Bold/NotoSansSC_700Bold.ttf");
const PDFJS_ROOT = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

/** Scanner settings. */
const SCAN_DPI = 200;
const SCAN_ANGLE_DEGREES = 0.6;
const SCAN_JPEG_QUALITY = 80;
const SCAN_SEED = 20230118;
/** Grey of the paper, and the amplitude of the grain added to every pixel. */
const PAPER = 243;
const GRAIN = 5;
/** Share of pixels that get a dark speck (dust on the glass). */
const SPECKS = 0.0004;

/** Resolution of the pasted pictures, and the white margin kept around a table in its picture (points). */
const PICTURE_DPI = 200;
const PICTURE_MARGIN = 6;

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function openSource(data: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({
    data,
    cMapUrl: join(PDFJS_ROOT, "cmaps") + "/",
    cMapPacked: true,
    standardFontDataUrl: join(PDFJS_ROOT, "standard_fonts") + "/",
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
}

async function render(page: PDFPageProxy, dpi: number): Promise<Canvas> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({
    canvasContext: ctx as unknown as CanvasRenderingContext2D,
    viewport,
    canvas: canvas as unknown as HTMLCanvasElement,
  }).promise;
  return canvas;
}

/** Collects a pdfkit document into one buffer. */
function finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => done(Buffer.concat(chunks)));
    doc.on("error", fail);
    doc.end();
  });
}

// ---------------------------------------------------------------------------------------------
// Scan
// ---------------------------------------------------------------------------------------------

/** One page as a scanner sees it: grey, on paper, slightly rotated, with grain and dust specks. */
function scanImage(page: Canvas, rand: () => number): Canvas {
  const { width, height } = page;
  const out = createCanvas(width, height);
  const ctx = out.getContext("2d");
  ctx.fillStyle = `rgb(${PAPER},${PAPER},${PAPER})`;
  ctx.fillRect(0, 0, width, height);
  // The sheet lies a little askew on the glass: rotate about the page centre.
  ctx.translate(width / 2, height / 2);
  ctx.rotate((SCAN_ANGLE_DEGREES * Math.PI) / 180);
  ctx.globalCompositeOperation = "multiply"; // ink darkens the paper; white stays paper-coloured
  ctx.drawImage(page, -width / 2, -height / 2);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalCompositeOperation = "source-over";
  const image = ctx.getImageData(0, 0, width, height);
  const px = image.data;
  for (let p = 0; p < px.length; p += 4) {
    // Luminance (the source is black print; any colour becomes grey as on a greyscale scan).
    let v = 0.299 * px[p] + 0.587 * px[p + 1] + 0.114 * px[p + 2];
    v += (rand() + rand() - 1) * GRAIN;
    if (rand() < SPECKS) v = 60 + 80 * rand();
    const g = Math.max(0, Math.min(255, Math.round(v)));
    px[p] = px[p + 1] = px[p + 2] = g;
    px[p + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
  return out;
}

async function makeScan(source: Uint8Array): Promise<Buffer> {
  const src = await openSource(source.slice());
  const rand = prng(SCAN_SEED);
  // A scanner writes no title or author, only its own name.
  const doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    compress: true,
    info: { Producer: "Scanner", Creator: "Scanner", CreationDate: new Date(Date.UTC(2023, 0, 18, 9)) },
  });
  try {
    for (let n = 1; n <= src.numPages; n++) {
      const page = await src.getPage(n);
      const { width, height } = page.getViewport({ scale: 1 });
      const image = scanImage(await render(page, SCAN_DPI), rand);
      page.cleanup();
      doc.addPage({ size: [width, height], margin: 0 });
      doc.image(image.encodeSync("jpeg", SCAN_JPEG_QUALITY), 0, 0, { width, height });
    }
  } finally {
    await src.destroy();
  }
  return finish(doc);
}

// ---------------------------------------------------------------------------------------------
// Mixed: text pages with pasted table pictures
// ---------------------------------------------------------------------------------------------

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
}

/** Ruling segments of a page (top-left origin), from the operator list: pdfkit strokes lines and rectangles. */
async function rulings(page: PDFPageProxy): Promise<Box[]> {
  const height = page.getViewport({ scale: 1 }).height;
  const ops = await page.getOperatorList();
  const segments: Box[] = [];
  // pdfkit draws under a transform that flips y (its top-left origin); follow the CTM.
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack: number[][] = [];
  const apply = (m: number[], x: number, y: number) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
  for (let k = 0; k < ops.fnArray.length; k++) {
    const fn = ops.fnArray[k];
    const args = ops.argsArray[k] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === OPS.transform) {
      const [a, b, c, d, e, f] = args as number[];
      const m = ctm;
      ctm = [
        m[0] * a + m[2] * b,
        m[1] * a + m[3] * b,
        m[0] * c + m[2] * d,
        m[1] * c + m[3] * d,
        m[0] * e + m[2] * f + m[4],
        m[1] * e + m[3] * f + m[5],
      ];
    } else if (fn === OPS.constructPath) {
      // pdf.js v5: [closingOp, [Float32Array of DrawOPS and coordinates], minMax]
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data) continue;
      let i = 0;
      let at: number[] | null = null;
      let start: number[] | null = null;
      const line = (a: number[], b: number[]) =>
        segments.push({
          x0: Math.min(a[0], b[0]),
          x1: Math.max(a[0], b[0]),
          y0: height - Math.max(a[1], b[1]),
          y1: height - Math.min(a[1], b[1]),
        });
      while (i < data.length) {
        const op = data[i++];
        if (op === 0)
          at = start = apply(ctm, data[i++], data[i++]); // moveTo
        else if (op === 1) {
          const to = apply(ctm, data[i++], data[i++]); // lineTo
          if (at) line(at, to);
          at = to;
        } else if (op === 2)
          i += 6; // curveTo
        else if (op === 3)
          i += 4; // quadraticCurveTo
        else if (op === 4) {
          // closePath (rectangles come as moveTo, three lineTo, closePath)
          if (at && start) line(at, start);
          at = start;
        } else throw new Error(`unknown path op ${op}`);
      }
    }
  }
  return segments.filter((s) => s.x1 - s.x0 < 0.5 || s.y1 - s.y0 < 0.5);
}

/** Segments that touch one another, grouped: one group per ruled table. */
function tablesOf(segments: Box[]): { box: Box; segments: Box[] }[] {
  const parent = segments.map((_, k) => k);
  const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k])));
  const near = (a: Box, b: Box) => a.x0 <= b.x1 + 1 && b.x0 <= a.x1 + 1 && a.y0 <= b.y1 + 1 && b.y0 <= a.y1 + 1;
  for (let a = 0; a < segments.length; a++)
    for (let b = a + 1; b < segments.length; b++) if (near(segments[a], segments[b])) parent[find(a)] = find(b);
  const groups = new Map<number, Box[]>();
  segments.forEach((s, k) => groups.set(find(k), [...(groups.get(find(k)) ?? []), s]));
  return [...groups.values()].map((g) => ({
    segments: g,
    box: {
      x0: Math.min(...g.map((s) => s.x0)),
      y0: Math.min(...g.map((s) => s.y0)),
      x1: Math.max(...g.map((s) => s.x1)),
      y1: Math.max(...g.map((s) => s.y1)),
    },
  }));
}

const centreIn = (b: Box, r: Box) =>
  (b.x0 + b.x1) / 2 >= r.x0 && (b.x0 + b.x1) / 2 <= r.x1 && (b.y0 + b.y1) / 2 >= r.y0 && (b.y0 + b.y1) / 2 <= r.y1;

async function makeMixed(source: Uint8Array): Promise<{ pdf: Buffer; pictures: { page: number; box: Box }[] }> {
  const src = await openSource(source.slice());
  const meta = (await src.getMetadata()).info as { Title?: string; Author?: string };
  const doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    compress: true,
    info: {
      Title: meta.Title,
      Author: meta.Author,
      Creator: "Microsoft® Word 2016",
      Producer: "Microsoft® Word 2016",
      CreationDate: new Date(Date.UTC(2023, 0, 18, 9)),
    },
  });
  doc.registerFont("regular", FONT_REGULAR);
  doc.registerFont("bold", FONT_BOLD);
  const pictures: { page: number; box: Box }[] = [];
  try {
    for (let n = 1; n <= src.numPages; n++) {
      const page = await src.getPage(n);
      const { width, height } = page.getViewport({ scale: 1 });
      const segments = await rulings(page); // also loads the fonts, so their names are known below
      const content = await page.getTextContent();
      const items = (content.items as TextItem[]).filter((it) => "str" in it && it.str.trim() !== "");
      const itemBox = (it: TextItem): Box => {
        const size = Math.hypot(it.transform[0], it.transform[1]);
        const base = height - it.transform[5];
        return { x0: it.transform[4], x1: it.transform[4] + it.width, y0: base - size * 0.88, y1: base + size * 0.12 };
      };
      // The applications and review tables become pictures; the active-disclosure tables (信息内容) stay text.
      const tables = tablesOf(segments).filter((t) => t.box.x1 - t.box.x0 > 100 && t.box.y1 - t.box.y0 > 20);
      const pasted = tables.filter(
        (t) => !items.some((it) => it.str.includes("信息内容") && centreIn(itemBox(it), t.box)),
      );
      const regions = pasted.map((t) => ({
        x0: t.box.x0 - PICTURE_MARGIN,
        y0: t.box.y0 - PICTURE_MARGIN,
        x1: t.box.x1 + PICTURE_MARGIN,
        y1: t.box.y1 + PICTURE_MARGIN,
      }));
      const inPicture = (b: Box) => regions.some((r) => centreIn(b, r));

      doc.addPage({ size: [width, height], margin: 0 });
      // Ruling lines of the tables that stay text.
      doc.lineWidth(0.75).strokeColor("black");
      for (const s of segments.filter((s) => !inPicture(s))) doc.moveTo(s.x0, s.y0).lineTo(s.x1, s.y1).stroke();
      // Text outside the pictures, set again where it was (same font, so the same widths).
      for (const it of items) {
        if (inPicture(itemBox(it))) continue;
        const name = String((page.commonObjs.get(it.fontName) as { name?: string } | undefined)?.name ?? "");
        const size = Math.hypot(it.transform[0], it.transform[1]);
        doc.font(/Bold/.test(name) ? "bold" : "regular").fontSize(size);
        const natural = doc.widthOfString(it.str);
        const chars = Array.from(it.str).length;
        const characterSpacing =
          chars > 1 && Math.abs(it.width - natural) > 0.5 ? (it.width - natural) / (chars - 1) : 0;
        doc.text(it.str, it.transform[4], height - it.transform[5], {
          lineBreak: false,
          baseline: "alphabetic",
          characterSpacing,
        });
      }
      // The pictures: crops of the page rendered at PICTURE_DPI, placed over the tables' areas.
      if (regions.length) {
        const scale = PICTURE_DPI / 72;
        const full = await render(page, PICTURE_DPI);
        for (const r of regions) {
          const x = Math.round(r.x0 * scale);
          const y = Math.round(r.y0 * scale);
          const w = Math.round((r.x1 - r.x0) * scale);
          const h = Math.round((r.y1 - r.y0) * scale);
          const crop = createCanvas(w, h);
          crop.getContext("2d").drawImage(full, x, y, w, h, 0, 0, w, h);
          doc.image(crop.encodeSync("png"), x / scale, y / scale, { width: w / scale, height: h / scale });
          pictures.push({ page: n, box: { x0: x / scale, y0: y / scale, x1: (x + w) / scale, y1: (y + h) / scale } });
        }
      }
      page.cleanup();
    }
  } finally {
    await src.destroy();
  }
  return { pdf: await finish(doc), pictures };
}

// ---------------------------------------------------------------------------------------------

function writeSample(name: string, pdf: Buffer, style: "scan" | "mixed", truth: Record<string, unknown>): void {
  writeFileSync(join(SAMPLES_DIR, name), pdf);
  const { cells, ...rest } = truth;
  const out = {
    ...rest,
    file: name,
    sha256: createHash("sha256").update(pdf).digest("hex"),
    style,
    derived_from: SOURCE,
    cells,
  };
  writeFileSync(join(SAMPLES_DIR, name.replace(/\.pdf$/, ".truth.json")), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`${name}: ${(pdf.length / 1024).toFixed(0)} KB`);
}

async function main(): Promise<void> {
  const source = new Uint8Array(readFileSync(join(SAMPLES_DIR, SOURCE)));
  const truth = JSON.parse(readFileSync(join(SAMPLES_DIR, SOURCE.replace(/\.pdf$/, ".truth.json")), "utf8")) as Record<
    string,
    unknown
  >;
  writeSample("sample-xinan-2022-scan.pdf", await makeScan(source), "scan", truth);
  const mixed = await makeMixed(source);
  writeSample("sample-xinan-2022-mixed.pdf", mixed.pdf, "mixed", truth);
  for (const p of mixed.pictures)
    console.log(
      `  picture on page ${p.page}: ${p.box.x0.toFixed(0)},${p.box.y0.toFixed(0)}–${p.box.x1.toFixed(0)},${p.box.y1.toFixed(0)}`,
    );
}

await main();
