/**
 * Reads a Word .docx report into the layout-free {@link MarkupDocument}: paragraphs (with their font size and
 * heading level), tables (cells with their spans) and pictures, in reading order.
 *
 * Why this way:
 * - A .docx is a zip of XML parts; `word/document.xml` holds the body. Tables state their structure: `w:gridSpan` is
 *   a column span, and a vertical merge is written as a restarting cell followed by empty "continue" cells below it,
 *   which become one cell with a row span here, exactly as an HTML table would say it.
 * - Text is read the way Word shows it: deleted revisions, hidden text (`w:vanish`), field instructions and the
 *   VML fallback copy of a drawing (`mc:Fallback`) are left out, so nothing is read twice.
 * - Heading levels come from the paragraph style (Title, Heading N, localized style ids such as "1" resolved
 *   through the style names in styles.xml, outline levels); a centred bold or large paragraph counts as a heading
 *   too, by the same rule as web pages (src/markup/lines.ts), since most reports are typed without styles.
 * - Legacy .doc/.wps (OLE files) and password-protected .docx (also OLE) are refused with a clear message:
 *   src/markup/convert.ts turns .doc/.wps into .docx with LibreOffice first.
 */
import { isTag, type Element } from "domhandler";
import { unzipSync } from "fflate";
import { DomUtils, parseDocument } from "htmlparser2";
import { linesToBlocks, type Draft, type Segment } from "./lines.js";
import { decodePage, joinAll } from "./text.js";
import type { Block, MarkupDocument, SourceCell, SourceTable } from "./types.js";

export const NOT_DOCX = "not a Word .docx file (no word/document.xml)";

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const W_NAMESPACES = new Set([
  "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
  "http://purl.oclc.org/ooxml/wordprocessingml/main",
]);
/** Parts larger than this (decompressed) are not read: a zip bomb, or fonts and embedded files we have no use for. */
const MAX_PART_BYTES = 256 * 1024 * 1024;

export function readDocx(bytes: Uint8Array): MarkupDocument {
  refuseOle(bytes);
  const parts = unzipParts(bytes);
  const mainPath = mainDocumentPath(parts);
  const main = mainPath ? parts.get(mainPath) : undefined;
  if (!mainPath || !main) throw new Error(NOT_DOCX);
  const root = xmlRoot(main);
  const w = wordPrefix(root);
  const rels = relationships(parts, mainPath);
  const stylesPath =
    [...rels.values()].find((r) => /\/styles$/.test(r.type) && !r.external)?.target ?? `${dirOf(mainPath)}styles.xml`;
  const styles = readStyles(parts.get(stylesPath));
  const reader = new BodyReader(w, styles, rels, parts);
  const body = childrenNamed(root, w("body"))[0];
  const blocks = body ? reader.read(body) : [];
  let index = 0;
  for (const b of blocks) if (b.kind === "table") (b.table as SourceTable).index = index++;
  return { format: "docx", meta: readCore(parts.get("docProps/core.xml")), blocks };
}

// ---------------------------------------------------------------------------------------------------------------
// Container

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** UTF-16LE stream names are how an OLE directory lists its streams. */
export function hasUtf16Name(bytes: Uint8Array, name: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(name, "utf16le"));
}

function refuseOle(bytes: Uint8Array): void {
  if (!startsWith(bytes, OLE_MAGIC)) return;
  if (hasUtf16Name(bytes, "EncryptedPackage"))
    throw new Error(
      "encrypted Word file: a password-protected .docx cannot be read (open it, remove the password, save again)",
    );
  throw new Error("not a .docx but a legacy Word/WPS file (OLE .doc/.wps): convert it to .docx first (LibreOffice)");
}

function unzipParts(bytes: Uint8Array): Map<string, Uint8Array> {
  if (!startsWith(bytes, [0x50, 0x4b])) throw new Error(NOT_DOCX);
  let files: Record<string, Uint8Array>;
  try {
    // Only the XML parts and pictures: fonts, embedded objects and thumbnails are not decompressed.
    files = unzipSync(bytes, {
      filter: (f) =>
        f.originalSize <= MAX_PART_BYTES &&
        !/^word\/(?:fonts|embeddings)\//.test(f.name) &&
        !/^docProps\/thumbnail/.test(f.name),
    });
  } catch (e) {
    throw new Error(`a damaged or truncated Word .docx file: its zip cannot be read (${(e as Error).message})`);
  }
  return new Map(Object.entries(files));
}

const dirOf = (path: string) => path.slice(0, path.lastIndexOf("/") + 1);

function xmlRoot(xml: Uint8Array): Element {
  // Parts are UTF-8 as a rule; a BOM (UTF-16 parts written by some tools) is honoured.
  const doc = parseDocument(decodePage(xml).text, { xmlMode: true, decodeEntities: true });
  const root = doc.children.find(isTag);
  if (!root) throw new Error(NOT_DOCX);
  return root;
}

/** The package's main document (the officeDocument relationship), normally word/document.xml. */
function mainDocumentPath(parts: Map<string, Uint8Array>): string | null {
  const rels = parts.get("_rels/.rels");
  if (rels) {
    for (const r of DomUtils.findAll((e) => localName(e.name) === "Relationship", [xmlRoot(rels)])) {
      const target = (r.attribs.Target ?? "").replace(/^\//, "");
      if (/\/officeDocument$/.test(r.attribs.Type ?? "") && parts.has(target)) return target;
    }
  }
  return parts.has("word/document.xml") ? "word/document.xml" : null;
}

interface Relationship {
  target: string;
  external: boolean;
  type: string;
}

/** Relationship id → target (a part path inside the zip, or an external address). */
function relationships(parts: Map<string, Uint8Array>, partPath: string): Map<string, Relationship> {
  const out = new Map<string, Relationship>();
  const rels = parts.get(`${dirOf(partPath)}_rels/${partPath.slice(dirOf(partPath).length)}.rels`);
  if (!rels) return out;
  for (const r of DomUtils.findAll((e) => localName(e.name) === "Relationship", [xmlRoot(rels)])) {
    const external = r.attribs.TargetMode === "External";
    const target = r.attribs.Target ?? "";
    out.set(r.attribs.Id ?? "", {
      target: external ? target : resolvePart(dirOf(partPath), target),
      external,
      type: r.attribs.Type ?? "",
    });
  }
  return out;
}

function resolvePart(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const out: string[] = base.split("/").filter(Boolean);
  for (const seg of target.split("/")) {
    if (seg === "..") out.pop();
    else if (seg && seg !== ".") out.push(seg);
  }
  return out.join("/");
}

// ---------------------------------------------------------------------------------------------------------------
// XML helpers

const localName = (name: string) => name.slice(name.indexOf(":") + 1);

/** Qualified-name maker for WordprocessingML, whatever prefix the file binds to it (normally "w"). */
type W = (local: string) => string;

function wordPrefix(root: Element): W {
  for (const [attr, value] of Object.entries(root.attribs)) {
    if (!W_NAMESPACES.has(value)) continue;
    if (attr === "xmlns") return (local) => local;
    if (attr.startsWith("xmlns:")) {
      const prefix = attr.slice(6);
      return (local) => `${prefix}:${local}`;
    }
  }
  return (local) => `w:${local}`;
}

const childrenNamed = (el: Element, name: string): Element[] =>
  el.children.filter((c): c is Element => isTag(c) && c.name === name);
const childNamed = (el: Element | undefined, name: string): Element | undefined =>
  el ? childrenNamed(el, name)[0] : undefined;

/** A w:val attribute, whatever the prefix. */
function valOf(el: Element | undefined): string | undefined {
  if (!el) return undefined;
  for (const [k, v] of Object.entries(el.attribs)) if (localName(k) === "val") return v;
  return undefined;
}

/** An attribute by local name (r:embed, r:id, …). */
function attrLocal(el: Element, local: string): string | undefined {
  for (const [k, v] of Object.entries(el.attribs)) if (localName(k) === local && k.includes(":")) return v;
  return el.attribs[local];
}

/** On/off properties (w:b, w:vanish): present means on unless w:val says 0/false/off. */
function isOn(el: Element | undefined): boolean | undefined {
  if (!el) return undefined;
  const v = valOf(el);
  return v === undefined || !/^(?:0|false|off|none)$/i.test(v);
}

// ---------------------------------------------------------------------------------------------------------------
// Styles

interface StyleDef {
  name: string;
  basedOn?: string;
  size?: number;
  bold?: boolean;
  center?: boolean;
  outline?: number;
}

interface Styles {
  byId: Map<string, StyleDef>;
  defaultSize?: number;
  defaultParagraph?: string;
}

function runFormat(
  rPr: Element | undefined,
  w: W,
): { size?: number; bold?: boolean; hidden?: boolean; style?: string } {
  if (!rPr) return {};
  const sz = Number(valOf(childNamed(rPr, w("sz"))));
  return {
    size: Number.isFinite(sz) && sz > 0 ? sz / 2 : undefined,
    bold: isOn(childNamed(rPr, w("b"))),
    hidden: isOn(childNamed(rPr, w("vanish"))),
    style: valOf(childNamed(rPr, w("rStyle"))),
  };
}

function readStyles(xml: Uint8Array | undefined): Styles {
  const styles: Styles = { byId: new Map() };
  if (!xml) return styles;
  const root = xmlRoot(xml);
  const sw = wordPrefix(root);
  const defaults = childNamed(childNamed(childNamed(root, sw("docDefaults")), sw("rPrDefault")), sw("rPr"));
  styles.defaultSize = runFormat(defaults, sw).size;
  for (const s of childrenNamed(root, sw("style"))) {
    const id = attrLocal(s, "styleId") ?? "";
    const pPr = childNamed(s, sw("pPr"));
    const format = runFormat(childNamed(s, sw("rPr")), sw);
    const outline = Number(valOf(childNamed(pPr, sw("outlineLvl"))));
    const jc = valOf(childNamed(pPr, sw("jc")));
    styles.byId.set(id, {
      name: valOf(childNamed(s, sw("name"))) ?? id,
      basedOn: valOf(childNamed(s, sw("basedOn"))),
      size: format.size,
      bold: format.bold,
      center: jc === undefined ? undefined : jc === "center",
      outline: Number.isInteger(outline) ? outline : undefined,
    });
    if (attrLocal(s, "type") === "paragraph" && /^(?:1|true|on)$/i.test(attrLocal(s, "default") ?? ""))
      styles.defaultParagraph = id;
  }
  return styles;
}

/** A style property looked up along the basedOn chain. */
function styleProp<K extends keyof StyleDef>(styles: Styles, id: string | undefined, key: K): StyleDef[K] | undefined {
  const seen = new Set<string>();
  for (let s = id; s !== undefined && !seen.has(s);) {
    seen.add(s);
    const def = styles.byId.get(s);
    if (!def) return undefined;
    if (def[key] !== undefined) return def[key];
    s = def.basedOn;
  }
  return undefined;
}

/** Heading level from a paragraph style: Title, Heading N / 标题 N (by name, so ids like "1" work), or outline level. */
function styleLevel(styles: Styles, id: string | undefined): number | undefined {
  const seen = new Set<string>();
  for (let s = id; s !== undefined && !seen.has(s);) {
    seen.add(s);
    const def = styles.byId.get(s);
    const name = (def?.name ?? s).trim().toLowerCase();
    const m = name.match(/^(?:heading|标题)\s*(\d)$/);
    if (m) return Number(m[1]);
    if (name === "title" || name === "标题") return 1;
    if (name === "subtitle" || name === "副标题") return 2;
    if (!def) return undefined;
    s = def.basedOn;
  }
  const outline = styleProp(styles, id, "outline");
  return outline !== undefined && outline < 9 ? outline + 1 : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Body

/** What one paragraph yields: its lines (split at w:br), and the pictures and text-box content found in it. */
type Piece =
  | { kind: "text"; text: string; size?: number; bold: boolean }
  | { kind: "break" }
  | { kind: "image"; block: Block }
  | { kind: "boxes"; blocks: Element[] };

class BodyReader {
  constructor(
    private readonly w: W,
    private readonly styles: Styles,
    private readonly rels: Map<string, Relationship>,
    private readonly parts: Map<string, Uint8Array>,
  ) {}

  /** Blocks of the body (or of a text box), in order. */
  read(container: Element): Block[] {
    const drafts: Draft[] = [];
    this.blockLevel(container, drafts);
    return linesToBlocks(drafts);
  }

  /** Walks block-level content: paragraphs, tables, and the wrappers (content controls, custom XML) around them. */
  private blockLevel(container: Element, drafts: Draft[]): void {
    const w = this.w;
    for (const el of container.children) {
      if (!isTag(el)) continue;
      if (el.name === w("p")) this.paragraph(el, drafts);
      else if (el.name === w("tbl")) drafts.push(...this.tableBlocks(el));
      else if (el.name === w("sdt")) {
        const content = childNamed(el, w("sdtContent"));
        if (content) this.blockLevel(content, drafts);
      } else if (el.name === w("customXml") || el.name === w("ins") || el.name === w("moveTo"))
        this.blockLevel(el, drafts);
      else if (localName(el.name) === "AlternateContent") {
        const branch = alternateBranch(el);
        if (branch) this.blockLevel(branch, drafts);
      }
    }
  }

  private paragraph(p: Element, drafts: Draft[]): void {
    const w = this.w;
    const pPr = childNamed(p, w("pPr"));
    const styleId = valOf(childNamed(pPr, w("pStyle"))) ?? this.styles.defaultParagraph;
    const outline = Number(valOf(childNamed(pPr, w("outlineLvl"))));
    const level = Number.isInteger(outline) && outline < 9 ? outline + 1 : styleLevel(this.styles, styleId);
    const jc = valOf(childNamed(pPr, w("jc"))) ?? (styleProp(this.styles, styleId, "center") ? "center" : undefined);
    const paraFormat = {
      size: styleProp(this.styles, styleId, "size") ?? this.styles.defaultSize,
      bold: styleProp(this.styles, styleId, "bold") ?? false,
    };

    const pieces: Piece[] = [];
    this.inline(p, pieces, paraFormat);

    if (level !== undefined) {
      // A styled heading: one block, its lines joined; pictures and text boxes follow it.
      const text = joinAll(splitLines(pieces).map((line) => line.map((s) => s.text).join("")));
      if (text) drafts.push({ kind: "heading", level, text });
      this.afterParagraph(pieces, drafts);
      return;
    }
    let segments: Segment[] = [];
    const flush = (soft: boolean) => {
      if (segments.some((s) => s.text.trim())) drafts.push({ kind: "line", segments, center: jc === "center", soft });
      segments = [];
    };
    for (const piece of pieces) {
      if (piece.kind === "text") segments.push({ text: piece.text, bold: piece.bold, size: piece.size });
      else if (piece.kind === "break") flush(true);
      else if (piece.kind === "image") {
        flush(true);
        drafts.push(piece.block);
      }
    }
    flush(false);
    for (const piece of pieces)
      if (piece.kind === "boxes") for (const box of piece.blocks) this.blockLevel(box, drafts);
  }

  private afterParagraph(pieces: Piece[], drafts: Draft[]): void {
    for (const piece of pieces) {
      if (piece.kind === "image") drafts.push(piece.block);
      else if (piece.kind === "boxes") for (const box of piece.blocks) this.blockLevel(box, drafts);
    }
  }

  /** Runs and their wrappers inside a paragraph, as text pieces, breaks, pictures and text boxes. */
  private inline(el: Element, out: Piece[], para: { size?: number; bold: boolean }): void {
    const w = this.w;
    for (const child of el.children) {
      if (!isTag(child)) continue;
      const name = child.name;
      if (name === w("r")) this.run(child, out, para);
      else if (
        name === w("hyperlink") ||
        name === w("smartTag") ||
        name === w("customXml") ||
        name === w("ins") ||
        name === w("moveTo") ||
        name === w("fldSimple") ||
        name === w("dir") ||
        name === w("bdo")
      )
        this.inline(child, out, para);
      else if (name === w("sdt")) {
        const content = childNamed(child, w("sdtContent"));
        if (content) this.inline(content, out, para);
      } else if (localName(name) === "AlternateContent") {
        const branch = alternateBranch(child);
        if (branch) this.inline(branch, out, para);
      }
      // w:del, w:moveFrom (deleted revisions), w:pPr, bookmarks, comments, math: not shown as text.
    }
  }

  private run(r: Element, out: Piece[], para: { size?: number; bold: boolean }): void {
    const w = this.w;
    const own = runFormat(childNamed(r, w("rPr")), w);
    if (own.hidden) return;
    const size = own.size ?? styleProp(this.styles, own.style, "size") ?? para.size;
    const bold = own.bold ?? styleProp(this.styles, own.style, "bold") ?? para.bold;
    const text = (t: string) => out.push({ kind: "text", text: t, size, bold });
    for (const c of runContent(r)) {
      const name = c.name;
      if (name === w("t")) text(DomUtils.textContent(c));
      else if (name === w("tab") || name === w("ptab")) text(" ");
      else if (name === w("br") || name === w("cr")) out.push({ kind: "break" });
      else if (name === w("noBreakHyphen")) text("-");
      else if (name === w("drawing") || name === w("pict") || name === w("object")) this.graphic(c, out);
      else if (name === w("ruby")) {
        const base = childNamed(c, w("rubyBase"));
        if (base) this.inline(base, out, para);
      }
      // w:delText, w:instrText (field codes), w:fldChar, w:softHyphen, w:lastRenderedPageBreak: nothing shown.
    }
  }

  /** Pictures (DrawingML blips, VML image data) and text boxes inside a drawing. */
  private graphic(el: Element, out: Piece[]): void {
    const w = this.w;
    // Text boxes are read as paragraphs of their own; their pictures are found there, not here (no twice).
    const isBox = (e: Element) => e.name === w("txbxContent");
    const boxes = findOutside(el, isBox, () => false);
    if (boxes.length) out.push({ kind: "boxes", blocks: boxes });
    const docPr = DomUtils.findOne((e) => localName(e.name) === "docPr", el.children);
    const alt = (docPr?.attribs.descr || docPr?.attribs.title || "").trim();
    const refs = findOutside(el, (e) => localName(e.name) === "blip" || localName(e.name) === "imagedata", isBox);
    for (const ref of refs) {
      const id = attrLocal(ref, "embed") ?? attrLocal(ref, "link") ?? attrLocal(ref, "id");
      const rel = id ? this.rels.get(id) : undefined;
      if (!rel) continue;
      const data = rel.external ? undefined : this.parts.get(rel.target);
      const block: Block = { kind: "image", src: rel.target, path: null, alt };
      if (data) block.data = data;
      out.push({ kind: "image", block });
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Tables

  /** A table's block, then those of tables nested in its cells. */
  private tableBlocks(tbl: Element): Block[] {
    const nested: Element[] = [];
    const rows = this.tableRows(tbl, nested);
    const out: Block[] = [];
    if (rows.some((r) => r.some((c) => c.text !== ""))) out.push({ kind: "table", table: { index: -1, rows } });
    for (const inner of nested) out.push(...this.tableBlocks(inner));
    return out;
  }

  /** Rows and cells, including those wrapped in content controls or custom XML. */
  private unwrap(el: Element, want: string): Element[] {
    const w = this.w;
    const out: Element[] = [];
    for (const c of el.children) {
      if (!isTag(c)) continue;
      if (c.name === want) out.push(c);
      else if (c.name === w("sdt")) {
        const content = childNamed(c, w("sdtContent"));
        if (content) out.push(...this.unwrap(content, want));
      } else if (c.name === w("customXml") || c.name === w("ins")) out.push(...this.unwrap(c, want));
    }
    return out;
  }

  /**
   * Cells with spans. A vertical merge is a "restart" cell followed by "continue" cells in the same grid column of
   * the next rows: the continue cells are removed and counted into the restarting cell's row span (any text in them,
   * which Word would show in the merged cell, is appended). Cells a row skips at its start (w:gridBefore) become an
   * empty cell spanning them, so every cell keeps its grid column.
   */
  private tableRows(tbl: Element, nested: Element[]): SourceCell[][] {
    const w = this.w;
    const rows: SourceCell[][] = [];
    const open = new Map<number, SourceCell>(); // grid column → cell whose vertical merge is still running
    for (const tr of this.unwrap(tbl, w("tr"))) {
      const row: SourceCell[] = [];
      const trPr = childNamed(tr, w("trPr"));
      let col = 0;
      const before = Number(valOf(childNamed(trPr, w("gridBefore"))));
      if (Number.isInteger(before) && before > 0) {
        row.push({ text: "", rowSpan: 1, colSpan: before });
        col = before;
      }
      for (const tc of this.unwrap(tr, w("tc"))) {
        const tcPr = childNamed(tc, w("tcPr"));
        const span = Math.max(1, Math.min(1000, Number(valOf(childNamed(tcPr, w("gridSpan")))) || 1));
        const vMergeEl = childNamed(tcPr, w("vMerge"));
        const vMerge = vMergeEl ? (valOf(vMergeEl) === "restart" ? "restart" : "continue") : null;
        const hMergeEl = childNamed(tcPr, w("hMerge"));
        const text = this.cellText(tc, nested);
        const above = open.get(col);
        if (vMerge === "continue" && above) {
          above.rowSpan++;
          if (text) above.text = joinAll([above.text, text]);
        } else if (hMergeEl && valOf(hMergeEl) !== "restart" && row.length) {
          // Legacy horizontal merge: a continuation widens the cell before it.
          const left = row[row.length - 1];
          left.colSpan += span;
          if (text) left.text = joinAll([left.text, text]);
        } else {
          const cell: SourceCell = { text, rowSpan: 1, colSpan: span };
          row.push(cell);
          for (let c = col; c < col + span; c++) open.delete(c);
          if (vMerge) open.set(col, cell);
        }
        col += span;
      }
      if (row.length) rows.push(row);
    }
    return rows;
  }

  /** A cell's paragraphs (and line breaks) joined by the CJK rule; nested tables handed to `nested`. */
  private cellText(tc: Element, nested: Element[]): string {
    const w = this.w;
    const lines: string[] = [];
    const visit = (container: Element) => {
      for (const el of container.children) {
        if (!isTag(el)) continue;
        if (el.name === w("p")) {
          const pieces: Piece[] = [];
          this.inline(el, pieces, { bold: false });
          for (const line of splitLines(pieces)) lines.push(line.map((s) => s.text).join(""));
          for (const piece of pieces) if (piece.kind === "boxes") for (const box of piece.blocks) visit(box);
        } else if (el.name === w("tbl")) nested.push(el);
        else if (el.name === w("sdt")) {
          const content = childNamed(el, w("sdtContent"));
          if (content) visit(content);
        } else if (el.name === w("customXml") || el.name === w("ins")) visit(el);
      }
    };
    visit(tc);
    return joinAll(lines);
  }
}

/** Text pieces grouped into lines at breaks (pictures also end a line). */
function splitLines(pieces: Piece[]): Segment[][] {
  const lines: Segment[][] = [[]];
  for (const p of pieces) {
    if (p.kind === "text") lines[lines.length - 1].push({ text: p.text, bold: p.bold, size: p.size });
    else if (p.kind === "break" || p.kind === "image") lines.push([]);
  }
  return lines;
}

/** Descendants matching `want`, not looking inside matches nor inside elements where `stop` holds. */
function findOutside(el: Element, want: (e: Element) => boolean, stop: (e: Element) => boolean): Element[] {
  const out: Element[] = [];
  const visit = (node: Element) => {
    for (const c of node.children) {
      if (!isTag(c)) continue;
      if (want(c)) out.push(c);
      else if (!stop(c)) visit(c);
    }
  };
  visit(el);
  return out;
}

/** A run's children, with mc:AlternateContent replaced by the branch it shows. */
function runContent(r: Element): Element[] {
  const out: Element[] = [];
  for (const c of r.children) {
    if (!isTag(c)) continue;
    if (localName(c.name) !== "AlternateContent") out.push(c);
    else {
      const branch = alternateBranch(c);
      if (branch) out.push(...runContent(branch));
    }
  }
  return out;
}

/** mc:AlternateContent: the first mc:Choice (what current Word shows), else mc:Fallback; never both. */
function alternateBranch(el: Element): Element | undefined {
  const kids = el.children.filter(isTag);
  return kids.find((k) => localName(k.name) === "Choice") ?? kids.find((k) => localName(k.name) === "Fallback");
}

// ---------------------------------------------------------------------------------------------------------------
// Metadata

function readCore(xml: Uint8Array | undefined): MarkupDocument["meta"] {
  const meta: MarkupDocument["meta"] = {};
  if (!xml) return meta;
  let root: Element;
  try {
    root = xmlRoot(xml);
  } catch {
    return meta;
  }
  const text = (local: string) => {
    const el = DomUtils.findOne((e) => localName(e.name) === local, root.children);
    const t = el ? DomUtils.textContent(el).trim() : "";
    return t || undefined;
  };
  const title = text("title");
  const author = text("creator");
  const created = text("created");
  if (title) meta.docTitle = title;
  if (author) meta.author = author;
  if (created) meta.created = created;
  return meta;
}
