import { createCanvas, type Canvas, type Image } from "@napi-rs/canvas";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { releaseCanvases, renderPage, rotatedCanvas } from "../pdf/render.js";
import { findLatticeTables } from "../layout/lattice.js";
import { buildRulings } from "../layout/rulings.js";
import { UNREAD, type Box, type Glyph, type PageModel, type Segment } from "../pdf/types.js";
import { cropSource, type Crop, type OcrEngine, type Reading } from "./engine.js";
import type { Cell } from "../layout/table.js";
import { figurePieces, tableBlocks } from "./blocks.js";
import { markReading, markShape } from "./marks.js";
import { scanImage } from "./pageImage.js";
import { looksNumeric, misreadFigures, NUMERIC, TWO_HAN } from "./figureReadings.js";
import { voteFigure } from "./vote.js";
import { joinWrappedFigures, joinWrappedLabels, type ReadBlock } from "./stacks.js";
import { amongFigures, gridSegments, rowLabels, virtualGrids } from "./virtualGrid.js";
import {
  estimateSkew,
  findPixelLines,
  inkBands,
  inkGray,
  inkMask,
  inkShare,
  otsu,
  paperLevel,
  whiten,
  type Gray,
  type PixelLine,
} from "./raster.js";

export interface OcrSettings {
  /** Rendering resolution. */
  dpi: number;
  /** Shortest ruling line, as a share of the page width (longer than any stroke of a character). */
  minLineShare: number;
  /** Pixels of a cell's edge left out of its crop (the ruling line and its blur). */
  cellInset: number;
  /** A cell with fewer ink pixels than this is empty and not read (a lone 0 in a wide cell has about 150). */
  minInkPixels: number;
  /** Skews smaller than this (degrees) are not corrected. */
  minSkew: number;
  /** Scale of the image the running text (title, prose) is read from, relative to the cell image. */
  proseScale: number;
  /** Confidence given to a value that the text and digits-only readings agree on. */
  agreedConfidence: number;
  /** Ruling lines at least this share of the page width are table rules (three-line tables keep only these). */
  ruleShare: number;
  /** On pages without ruled cells: white rows at least this high (points) separate text blocks. */
  blockRowGap: number;
  /** On pages without ruled cells: white columns at least this wide (points) separate text blocks. */
  blockColGap: number;
  /** Lines of text taller than this (points) are titles, read with the page, not as table blocks. */
  titleHeight: number;
  /**
   * Ink no taller than this (points) in any column and at least `ruleMinWidth` long is a remnant of a rule, not
   * text, even when a skewed scan makes it climb (a dash is shorter).
   */
  ruleMaxHeight: number;
  ruleMinWidth: number;
  /**
   * In a block read as figures, a white gap at least this wide (points) through all its lines parts two figures
   * of neighbouring columns (when much wider than the gaps between their digits).
   */
  figureGap: number;
  /** White margin (pixels) kept around a text block's ink in its crop. */
  blockPad: number;
  /** Label lines closer than this many line heights are one wrapped label. */
  wrapGap: number;
  /** Confidence given to a dash or slash told by its shape (OCR read it otherwise): low enough to be checked. */
  markConfidence: number;
  /** Scales at which figures are read once more each, to vote (the engine's errors change with the scale). */
  voteScales: number[];
  /** Paper at least this light (median grey) is white: a clean picture, not a scan on grey paper. */
  whitePaper: number;
}

export const defaultOcrSettings: OcrSettings = {
  dpi: 300,
  minLineShare: 0.025,
  cellInset: 6,
  minInkPixels: 40,
  minSkew: 0.1,
  proseScale: 0.5,
  agreedConfidence: 90,
  ruleShare: 0.4,
  blockRowGap: 2.5,
  blockColGap: 6,
  titleHeight: 13,
  ruleMaxHeight: 2,
  ruleMinWidth: 30,
  figureGap: 2.5,
  blockPad: 3,
  wrapGap: 0.5,
  markConfidence: 75,
  voteScales: [0.55, 0.6, 0.67, 0.8, 1],
  whitePaper: 252,
};

const ONE_LOOKALIKES = /^[|lI丨工]$/u;
/** What tables print for nothing (see values.ts). */
const BLANK_MARK = /^[-－—–―─━一_/／\\]+$/u;
/** Confidence given to a guessed reading, low enough to be flagged. */
const UNSURE = 30;

/** Nominal size of text read from a cell (cells are taller than their text). */
const CELL_TEXT_SIZE = 12;

/** Characters of a reading spread over a box, so the layout stage places them by position like text glyphs. */
function spread(text: string, box: Box, confidence: number, maxSize = CELL_TEXT_SIZE): Glyph[] {
  const chars = Array.from(text);
  const w = (box.x1 - box.x0) / Math.max(1, chars.length);
  // A word's box height stands for its font size (titles stand out as in the text layer); a cell's does not.
  const size = Math.min(box.y1 - box.y0, maxSize);
  const cy = (box.y0 + box.y1) / 2;
  return chars.map((ch, k) => ({
    text: ch,
    x0: box.x0 + k * w,
    x1: box.x0 + (k + 1) * w,
    y0: cy - size / 2,
    y1: cy + size / 2,
    size,
    vertical: false,
    confidence,
  }));
}

/** Ruled tables are at least this wide (points); large type has strokes as long as short ruling lines. */
const MIN_TABLE_WIDTH = 40;

/** Whether ruled cells make a table: lines closer than a table is wide are the strokes of a title character (口). */
export const wideEnough = (cells: Cell[]) =>
  cells.length > 0 &&
  Math.max(...cells.map((c) => c.box.x1)) - Math.min(...cells.map((c) => c.box.x0)) >= MIN_TABLE_WIDTH;

/** A ruled table's row holds a line of text at least this tall (points), with its padding. */
const MIN_ROW_HEIGHT = 8;

/**
 * Whether ruled rows can hold text: strokes of a line of large type (a title's 二, 工, 口 side by side) make
 * a lattice whose every row is a slice of one character's height.
 */
export const tallEnough = (ys: number[]) => ys.slice(1).some((y, k) => y - ys[k] >= MIN_ROW_HEIGHT);

/** Pixels painted out around a read crop before the rest of the page is read as prose. */
const PROSE_CROP_MARGIN = 2;

/** The pixels a crop job accounts for: its cell or ink box (points) and its crop, with a margin. */
export function readArea(c: { box: Box; crop: Crop }, scale: number): Crop {
  const m = PROSE_CROP_MARGIN;
  return {
    x0: Math.min(c.box.x0 * scale, c.crop.x0) - m,
    y0: Math.min(c.box.y0 * scale, c.crop.y0) - m,
    x1: Math.max(c.box.x1 * scale, c.crop.x1) + m,
    y1: Math.max(c.box.y1 * scale, c.crop.y1) + m,
  };
}

/** Half the thickness, in pixels, painted out along a found ruling line. */
const LINE_HALF_WIDTH = 3;

/**
 * What the OCR engine reads: the brightest-channel grey image (coloured seals and shading gone, strokes keep
 * their anti-aliasing, which thin 200 dpi print needs) with the ruling lines painted out, so border
 * remnants cannot pass for a 1.
 */
function paintOut(gray: Gray, lines: PixelLine[]): Gray {
  const { width, height } = gray;
  const data = gray.data.slice();
  for (const l of lines) {
    const horizontal = l.y0 === l.y1;
    for (
      let y = Math.max(0, Math.floor(l.y0) - (horizontal ? LINE_HALF_WIDTH : 0));
      y <= Math.min(height - 1, Math.ceil(l.y1) + (horizontal ? LINE_HALF_WIDTH : 0));
      y++
    )
      for (
        let x = Math.max(0, Math.floor(l.x0) - (horizontal ? 0 : LINE_HALF_WIDTH));
        x <= Math.min(width - 1, Math.ceil(l.x1) + (horizontal ? 0 : LINE_HALF_WIDTH));
        x++
      )
        data[y * width + x] = 255;
  }
  return { width, height, data };
}

function toCanvas(gray: Gray): Canvas {
  const { width, height, data } = gray;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(width, height);
  for (let i = 0, p = 0; i < data.length; i++, p += 4) {
    image.data[p] = data[i];
    image.data[p + 1] = data[i];
    image.data[p + 2] = data[i];
    image.data[p + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}

const inside = (b: Box, r: Box) =>
  (b.x0 + b.x1) / 2 >= r.x0 && (b.x0 + b.x1) / 2 <= r.x1 && (b.y0 + b.y1) / 2 >= r.y0 && (b.y0 + b.y1) / 2 <= r.y1;

/** The page (or its pictures) as upright pixels: grey image, ink mask, and pixels per point. */
interface PageImage {
  canvas: Canvas;
  gray: Gray;
  mask: Uint8Array;
  scale: number;
  skew: number;
}

const pixelsOf = (c: Canvas) => c.getContext("2d").getImageData(0, 0, c.width, c.height).data;

/** A scan's own pixels when the page is one picture; else the page rendered at the wanted resolution. Straightened. */
async function uprightImage(
  doc: PDFDocumentProxy,
  page: PageModel,
  whole: boolean,
  settings: OcrSettings,
): Promise<PageImage> {
  const scan = whole ? await scanImage(doc, page.number, settings.dpi) : null;
  const scale = scan?.scale ?? settings.dpi / 72;
  let canvas = scan?.canvas ?? (await renderPage(doc, page.number, scale));
  let gray = inkGray(pixelsOf(canvas), canvas.width, canvas.height);
  let mask = inkMask(gray);
  const skew = estimateSkew(mask, canvas.width, canvas.height);
  if (Math.abs(skew) >= settings.minSkew) {
    const upright = rotatedCanvas(canvas, -skew);
    releaseCanvases(canvas);
    canvas = upright;
    gray = inkGray(pixelsOf(canvas), canvas.width, canvas.height);
    mask = inkMask(gray);
  }
  return { canvas, gray, mask, scale, skew };
}

/**
 * The ruling lines found on the image: as pixels, as page segments inside the OCR'd areas, and the lattice tables they
 * draw.
 */
function ruledTables(img: PageImage, page: PageModel, areas: Box[], settings: OcrSettings) {
  const { canvas, mask, scale } = img;
  const lines = findPixelLines(mask, canvas.width, canvas.height, {
    minRun: Math.round(settings.minLineShare * canvas.width),
    maxGap: 2,
  });
  const segments: Segment[] = [...lines.h, ...lines.v]
    .map((l) => ({ x0: l.x0 / scale, y0: l.y0 / scale, x1: l.x1 / scale, y1: l.y1 / scale }))
    .filter((s) => areas.some((a) => inside(s, a)));
  const { h, v } = buildRulings(segments);
  const tables = findLatticeTables(page.number, h, v, []).filter((t) => wideEnough(t.cells) && tallEnough(t.ys));
  // Long rules are never text: under a running header, tesseract took one and the title below for a picture.
  const rules = lines.h.filter((l) => l.x1 - l.x0 >= settings.ruleShare * canvas.width);
  return { lines, segments, tables, cells: tables.flatMap((t) => t.cells), rules };
}

/** The image OCR reads: lines painted out and, on grey paper, everything lighter than ink whitened. */
function cleanImage(img: PageImage, areas: Box[], ruled: ReturnType<typeof ruledTables>, settings: OcrSettings) {
  const { gray, scale } = img;
  const { lines, tables, cells, rules } = ruled;
  // Only the lines of found tables are painted out: a bold title's strokes are as long as a short border.
  const inTable = (l: PixelLine) =>
    tables.some((t) => {
      const b = {
        x0: t.box.x0 * scale - 4,
        y0: t.box.y0 * scale - 4,
        x1: t.box.x1 * scale + 4,
        y1: t.box.y1 * scale + 4,
      };
      return l.x0 >= b.x0 && l.x1 <= b.x1 && l.y0 >= b.y0 && l.y1 <= b.y1;
    });
  // On grey paper (a scan) everything lighter than ink is whitened (shading, a watermark, the paper): crops
  // are read stacked on white, and tesseract's one threshold for the whole stack would turn grey crops into
  // black blocks. Pictures on white paper keep their grey: the anti-aliasing of thin print is in it.
  const painted = paintOut(gray, [...(cells.length ? [...lines.h, ...lines.v].filter(inTable) : []), ...rules]);
  const paper = Math.min(
    ...areas.map((a) =>
      paperLevel(
        gray,
        Math.round(a.x0 * scale),
        Math.round(a.y0 * scale),
        Math.round(a.x1 * scale),
        Math.round(a.y1 * scale),
      ),
    ),
  );
  const cleanGray = paper < settings.whitePaper ? whiten(painted, otsu(gray)) : painted;
  return { painted, cleanGray, clean: toCanvas(cleanGray), cleanMask: inkMask(cleanGray, otsu(gray)) };
}

/**
 * What OCR reads one by one: a page box, its crop in pixels, and the ruled row grouping it (none for text blocks, whose
 * rows are not known yet).
 */
interface CropJob {
  box: Box;
  crop: Crop;
  /** The ruled row and column of a table cell (null for a text block of a borderless table). */
  row: string | null;
  col: string | null;
}

/** The inked cells of ruled tables; without any, the text blocks of borderless (three-line) tables. */
function cropJobs(
  img: PageImage,
  cells: Cell[],
  areas: Box[],
  cleanMask: Uint8Array,
  settings: OcrSettings,
): CropJob[] {
  const { canvas, mask, scale } = img;
  const W = canvas.width;
  const crops: CropJob[] = [];
  for (const c of cells) {
    const crop = {
      x0: Math.round(c.box.x0 * scale) + settings.cellInset,
      y0: Math.round(c.box.y0 * scale) + settings.cellInset,
      x1: Math.round(c.box.x1 * scale) - settings.cellInset,
      y1: Math.round(c.box.y1 * scale) - settings.cellInset,
    };
    if (crop.x1 - crop.x0 < 4 || crop.y1 - crop.y0 < 4) continue;
    const area = (crop.x1 - crop.x0) * (crop.y1 - crop.y0);
    if (inkShare(mask, W, crop.x0, crop.y0, crop.x1, crop.y1) * area < settings.minInkPixels) continue;
    crops.push({ box: c.box, crop, row: `${Math.round(c.box.y0)}`, col: `${Math.round(c.box.x0)}` });
  }
  if (cells.length > 0) return crops;
  // Borderless tables: page layout analysis drops their lone figures, so the text blocks of table rows are
  // read one by one like cells (their grid is rebuilt from the readings).
  const blockSettings = {
    rowGap: Math.round(settings.blockRowGap * scale),
    colGap: Math.round(settings.blockColGap * scale),
    minInk: settings.minInkPixels,
    titleHeight: Math.round(settings.titleHeight * scale),
    ruleMaxHeight: Math.round(settings.ruleMaxHeight * scale),
    ruleMinWidth: Math.round(settings.ruleMinWidth * scale),
  };
  const pad = settings.blockPad;
  for (const a of areas) {
    const px = {
      x0: Math.max(0, Math.round(a.x0 * scale)),
      y0: Math.max(0, Math.round(a.y0 * scale)),
      x1: Math.min(W, Math.round(a.x1 * scale)),
      y1: Math.min(canvas.height, Math.round(a.y1 * scale)),
    };
    for (const b of tableBlocks(cleanMask, W, px, blockSettings)) {
      const crop = {
        x0: Math.max(0, b.box.x0 - pad),
        y0: Math.max(0, b.box.y0 - pad),
        x1: Math.min(W, b.box.x1 + pad),
        y1: Math.min(canvas.height, b.box.y1 + pad),
      };
      crops.push({
        box: { x0: b.box.x0 / scale, y0: b.box.y0 / scale, x1: b.box.x1 / scale, y1: b.box.y1 / scale },
        crop,
        row: null,
        col: null,
      });
    }
  }
  return crops;
}

/**
 * Every crop read: as text, figures again with a digits-only alphabet (two readings that agree make a sure
 * value), blank marks told by their shape, figures voted on at several scales.
 */
async function readJobs(
  engine: OcrEngine,
  source: Image,
  blocks: CropJob[],
  cleanMask: Uint8Array,
  img: { width: number; height: number; scale: number },
  settings: OcrSettings,
): Promise<{ crops: CropJob[]; readings: Reading[] }> {
  const width = img.width;
  const { crops, texts } = await splitFigureBlocks(
    engine,
    source,
    blocks,
    await engine.readCrops(
      source,
      blocks.map((c) => c.crop),
      "text",
    ),
    cleanMask,
    img,
    settings,
  );
  const maybeNumber = misreadFigures(
    texts.map((t) => t.text),
    crops,
  );
  const numeric = crops.map((_, k) => k).filter((k) => looksNumeric(texts[k].text) || maybeNumber(k));
  const digits = await engine.readCrops(
    source,
    numeric.map((k) => crops[k].crop),
    "digits",
  );
  const readings: Reading[] = [...texts];
  numeric.forEach((k, i) => {
    const d = digits[i];
    if (!d.text) {
      // A lone 1 is what OCR most often turns into a stroke or a character; in a row of figures it is a 1, but unsure.
      if (ONE_LOOKALIKES.test(texts[k].text))
        readings[k] = { text: "1", confidence: Math.min(texts[k].confidence, UNSURE) };
      return;
    }
    const asText = texts[k].text.normalize("NFKC").replace(/[oO〇]/g, "0");
    const agree = d.text === asText;
    // Disagreeing readings are flagged (lower confidence); a reader that dropped digits is the likelier wrong one.
    const longer =
      NUMERIC.test(asText) && asText.replace(/\D/g, "").length > d.text.replace(/\D/g, "").length ? asText : d.text;
    readings[k] = agree
      ? { text: d.text, confidence: Math.max(d.confidence, texts[k].confidence, settings.agreedConfidence) }
      : { text: longer, confidence: Math.min(d.confidence, texts[k].confidence) };
  });
  // Blank marks that OCR reads as nothing, as a 1, or as a lone character where figures stand (/ as 册) are
  // told by their shape; ink flat as a dash is one whatever it was read as (a faint dash reads as a 4).
  crops.forEach((c, k) => {
    const mark = markReading(readings[k].text, markShape(cleanMask, width, c.crop), maybeNumber(k));
    if (mark) readings[k] = { text: mark === "dash" ? "—" : "/", confidence: settings.markConfidence };
  });
  // Figures, and inked cells that read as nothing, are read again one by one at several scales, and vote;
  // so are characters in a ruled row of figures. A lone character of a borderless table may be a header word.
  const toVote = numeric.filter(
    (k) =>
      (crops[k].row !== null || !texts[k].text || looksNumeric(texts[k].text)) && !BLANK_MARK.test(readings[k].text),
  );
  const each = await engine.readEach(
    source,
    toVote.map((k) => crops[k].crop),
    settings.voteScales,
  );
  toVote.forEach((k, i) => (readings[k] = voteFigure(readings[k], each[i], settings)));
  await joinWrappedCells(engine, source, crops, readings, cleanMask, img, settings);
  return { crops, readings };
}

/** Lines of a cell are apart by at least this many points of blank (a wrapped figure's lines by 2 or more). */
const CELL_LINE_GAP_PT = 1;
/** The upper line of a wrapped figure fills its cell: its ink spans at least this share of the crop's width. */
const WRAPPED_FILL = 0.6;
/** A figure's wrapped lines are of one size: none taller than this many times the shortest. */
const LINE_HEIGHT_SPREAD = 1.6;

/**
 * A figure wrapped inside its ruled cell (1728 as 17 over 28 in a narrow column) reads as one of its lines: the
 * cell's crop is read as one figure. A ruled cell read as a figure whose ink is two or more lines of one size,
 * the upper filling the cell, is read line by line; when every line reads as figures alone and the cell's
 * reading is one of them, the cell is the lines joined, as sure as its least sure line.
 */
async function joinWrappedCells(
  engine: OcrEngine,
  source: Image,
  crops: CropJob[],
  readings: Reading[],
  cleanMask: Uint8Array,
  img: { width: number; height: number; scale: number },
  settings: OcrSettings,
): Promise<void> {
  const { width, height, scale } = img;
  const pad = settings.blockPad;
  const wrapped = crops.flatMap((c, k) => {
    if (c.row === null || !NUMERIC.test(readings[k].text)) return [];
    const lines = inkBands(
      cleanMask,
      width,
      c.crop,
      Math.max(2, Math.round(CELL_LINE_GAP_PT * scale)),
      settings.minInkPixels,
    );
    if (lines.length < 2) return [];
    const heights = lines.map((l) => l.y1 - l.y0);
    if (Math.max(...heights) > LINE_HEIGHT_SPREAD * Math.min(...heights)) return [];
    if (lines[0].x1 - lines[0].x0 < WRAPPED_FILL * (c.crop.x1 - c.crop.x0)) return [];
    const lineCrops = lines.map((l) => ({
      x0: Math.max(0, l.x0 - pad),
      y0: Math.max(0, l.y0 - pad),
      x1: Math.min(width, l.x1 + pad),
      y1: Math.min(height, l.y1 + pad),
    }));
    return [{ k, lineCrops }];
  });
  if (!wrapped.length) return;
  const read = await engine.readCrops(
    source,
    wrapped.flatMap((w) => w.lineCrops),
    "digits",
  );
  let at = 0;
  for (const { k, lineCrops } of wrapped) {
    const lines = read.slice(at, (at += lineCrops.length));
    if (!lines.every((l) => /^[0-9][0-9,.]*$|^[0-9,.]*[0-9]$/.test(l.text))) continue;
    // Only where the cell's reading is one of its lines: a reading of the whole that differs saw more of it.
    if (!lines.some((l) => l.text === readings[k].text)) continue;
    const joined = lines.map((l) => l.text).join("");
    if (joined === readings[k].text) continue;
    readings[k] = { text: joined, confidence: Math.min(...lines.map((l) => l.confidence)) };
  }
}

/**
 * Borderless blocks read as figures that hold the figures of neighbouring narrow columns are cut into one
 * block per figure, and the pieces read.
 */
async function splitFigureBlocks(
  engine: OcrEngine,
  source: Image,
  blocks: CropJob[],
  texts: Reading[],
  cleanMask: Uint8Array,
  img: { width: number; height: number; scale: number },
  settings: OcrSettings,
): Promise<{ crops: CropJob[]; texts: Reading[] }> {
  const { width, height, scale } = img;
  const pad = settings.blockPad;
  const parts = blocks.map((c, k) => {
    if (c.row !== null || !looksNumeric(texts[k].text)) return [c];
    const ink = {
      x0: Math.round(c.box.x0 * scale),
      y0: Math.round(c.box.y0 * scale),
      x1: Math.round(c.box.x1 * scale),
      y1: Math.round(c.box.y1 * scale),
    };
    const pieces = figurePieces(cleanMask, width, ink, Math.round(settings.figureGap * scale), settings.minInkPixels);
    if (pieces.length < 2) return [c];
    return pieces.map((p) => ({
      box: { x0: p.x0 / scale, y0: p.y0 / scale, x1: p.x1 / scale, y1: p.y1 / scale },
      crop: {
        x0: Math.max(0, p.x0 - pad),
        y0: Math.max(0, p.y0 - pad),
        x1: Math.min(width, p.x1 + pad),
        y1: Math.min(height, p.y1 + pad),
      },
      row: null,
      col: null,
    }));
  });
  if (parts.every((p) => p.length === 1)) return { crops: blocks, texts };
  const cut = parts.flatMap((p) => (p.length > 1 ? p : []));
  const read = await engine.readCrops(
    source,
    cut.map((c) => c.crop),
    "text",
  );
  let next = 0;
  return {
    crops: parts.flat(),
    texts: parts.flatMap((p, k) => (p.length > 1 ? p.map(() => read[next++]) : [texts[k]])),
  };
}

/**
 * The readings as glyphs and the segments of the page's tables: ruled tables keep their lines; borderless
 * ones get a grid rebuilt from where their labels and figures stand, which the lattice stage reads like borders.
 */
async function tableText(
  engine: OcrEngine,
  source: Image,
  crops: CropJob[],
  readings: Reading[],
  ruled: ReturnType<typeof ruledTables>,
  scale: number,
  settings: OcrSettings,
) {
  const { cells, rules, segments } = ruled;
  // A cell with ink that read as nothing must not pass for a blank: it gets a mark that reads as unreadable.
  const read: ReadBlock[] = crops.map((c, k) => ({
    box: c.box,
    text: readings[k].text || UNREAD,
    confidence: readings[k].text ? readings[k].confidence : 0,
    // A label has two Chinese characters or more: a lone one among figures is likelier a misread figure.
    kind: /^-?\d[\d.,]*$/.test(readings[k].text)
      ? "figure"
      : BLANK_MARK.test(readings[k].text)
        ? "mark"
        : TWO_HAN.test(readings[k].text)
          ? "label"
          : "other",
    lineHeight: Math.min(c.box.y1 - c.box.y0, CELL_TEXT_SIZE),
  }));
  const wrapped = cells.length ? read : joinWrappedLabels(read, settings.wrapGap);
  const blocks = cells.length ? read : joinWrappedFigures(wrapped, rowLabels(wrapped));
  const grids = cells.length
    ? []
    : virtualGrids(
        blocks,
        rules.map((l) => ({ y: l.y0 / scale, x0: l.x0 / scale, x1: l.x1 / scale })),
      );
  // A lone character where the grid has a figure is a figure OCR misread (a thin 0 as 癌): it is read again as
  // digits at several scales, and stays unreadable when that gives no figure.
  const unread = [...new Set(grids.flatMap((g) => blocks.filter((b) => b.kind === "other" && amongFigures(b, g))))];
  const again = await readAsFigures(
    engine,
    source,
    unread.map((b) => crops[read.indexOf(b)].crop),
    settings,
  );
  const figures = new Map(unread.map((b, k) => [b, again[k]]));
  const glyphs: Glyph[] = blocks.flatMap((b) => {
    const f = figures.get(b);
    if (!f) return spread(b.text, b.box, b.confidence, b.lineHeight);
    return f.text ? spread(f.text, b.box, f.confidence, b.lineHeight) : spread(UNREAD, b.box, 0, b.lineHeight);
  });
  const inGrid = (sg: Segment) =>
    grids.some(
      (g) => sg.y0 >= g.ys[0] && sg.y1 <= g.ys[g.ys.length - 1] && sg.x1 > g.xs[0] && sg.x0 < g.xs[g.xs.length - 1],
    );
  return { glyphs, segments: [...segments.filter((sg) => !inGrid(sg)), ...grids.flatMap(gridSegments)] };
}

/** Crops read as digits, then voted on at several scales; a reading that is no figure comes back empty. */
async function readAsFigures(
  engine: OcrEngine,
  source: Image,
  crops: Crop[],
  settings: OcrSettings,
): Promise<Reading[]> {
  if (!crops.length) return [];
  const digits = await engine.readCrops(source, crops, "digits");
  const each = await engine.readEach(source, crops, settings.voteScales);
  return digits.map((d, k) => {
    const voted = voteFigure(d, each[k], settings);
    return /^\d+(?:\.\d+)?$/.test(voted.text) ? voted : { text: "", confidence: 0 };
  });
}

/**
 * Text outside the tables (title, prose): the page read whole, with tables and non-OCR areas painted out.
 * It is read from the grey image, not the whitened one: tesseract thresholds a whole page well by itself,
 * and whitening thins strokes it then misreads (孟 as 重).
 */
async function proseGlyphs(
  engine: OcrEngine,
  prose: Canvas,
  areas: Box[],
  crops: CropJob[],
  scale: number,
  settings: OcrSettings,
): Promise<Glyph[]> {
  const W = prose.width;
  const rest = createCanvas(W, prose.height);
  const rctx = rest.getContext("2d");
  rctx.fillStyle = "white";
  rctx.fillRect(0, 0, W, prose.height);
  for (const a of areas)
    rctx.drawImage(
      prose,
      a.x0 * scale,
      a.y0 * scale,
      (a.x1 - a.x0) * scale,
      (a.y1 - a.y0) * scale,
      a.x0 * scale,
      a.y0 * scale,
      (a.x1 - a.x0) * scale,
      (a.y1 - a.y0) * scale,
    );
  // What the crops read is theirs: each cell, and each text block with its crop's margin and a little more, is
  // painted out, so the pale edges of their strokes (lighter than the ink mask takes) are not read again as
  // characters (0 as 加).
  for (const c of crops) {
    const r = readArea(c, scale);
    rctx.fillRect(r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
  }
  const glyphs: Glyph[] = [];
  if (inkShare(inkMask(inkGray(pixelsOf(rest), W, rest.height)), W, 0, 0, W, rest.height) > 0.0005) {
    // Running text reads best at about half the cell resolution: titles are then no taller than the model likes.
    const f = settings.proseScale;
    const small = createCanvas(Math.round(W * f), Math.round(rest.height * f));
    small.getContext("2d").drawImage(rest, 0, 0, small.width, small.height);
    const chars = (await engine.readPage(small)).map((c) => ({
      ...c,
      box: { x0: c.box.x0 / f / scale, y0: c.box.y0 / f / scale, x1: c.box.x1 / f / scale, y1: c.box.y1 / f / scale },
    }));
    for (const c of chars) glyphs.push(...spread(c.text, c.box, c.confidence, Infinity));
    releaseCanvases(small);
  }
  releaseCanvases(rest);
  return glyphs;
}

/**
 * Reads a page (or the pictures on it) by OCR into the same page model the text layer gives: ruling lines
 * found on the image, each table cell read on its own (numbers again with a digits-only alphabet), the rest
 * of the text read as a page. `regions` limits OCR to pictures on a page whose own text layer is kept.
 */
export async function ocrPage(
  doc: PDFDocumentProxy,
  page: PageModel,
  engine: OcrEngine,
  regions: Box[] | "page",
  settings: OcrSettings = defaultOcrSettings,
): Promise<PageModel & { skew: number }> {
  const img = await uprightImage(doc, page, regions === "page", settings);
  const areas: Box[] = regions === "page" ? [{ x0: 0, y0: 0, x1: page.width, y1: page.height }] : regions;
  const ruled = ruledTables(img, page, areas, settings);
  const { painted, cleanGray, clean, cleanMask } = cleanImage(img, areas, ruled, settings);
  const source = await cropSource(clean);
  const { crops, readings } = await readJobs(
    engine,
    source,
    cropJobs(img, ruled.cells, areas, cleanMask, settings),
    cleanMask,
    { width: img.canvas.width, height: img.canvas.height, scale: img.scale },
    settings,
  );
  const tables = await tableText(engine, source, crops, readings, ruled, img.scale, settings);
  const prose = cleanGray === painted ? clean : toCanvas(painted);
  const glyphs = [...tables.glyphs, ...(await proseGlyphs(engine, prose, areas, crops, img.scale, settings))];
  releaseCanvases(clean, prose, img.canvas);

  const keep = (b: Box) => !areas.some((a) => inside(b, a));
  return {
    ...page,
    glyphs: [...page.glyphs.filter(keep), ...glyphs],
    segments: [...page.segments.filter(keep), ...tables.segments],
    source: "ocr",
    graphicsRead: true,
    skew: img.skew,
  };
}
