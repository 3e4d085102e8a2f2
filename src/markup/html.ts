/**
 * Reads a report published as a web page (.html/.htm, often saved with "save page complete", in UTF-8 or GBK) into
 * the layout-free {@link MarkupDocument}: the article's headings, paragraphs, tables (cells with their spans) and
 * pictures in reading order, without the site's navigation, header, footer and side lists.
 *
 * Why this way:
 * - The page states its tables' structure (`rowspan`/`colspan`), so cells are taken as written, never re-derived
 *   from layout.
 * - Agency sites wrap the report in a lot of furniture and their class names differ from site to site, so the article
 *   is found by content: the smallest element holding the page's data tables and most of its prose (text outside
 *   links, in lines long enough to be sentences). No class name is needed; none is used.
 * - Furniture that sits inside the article container (the "发布时间：… 来源：…" line, "【打印本页】【关闭窗口】",
 *   link lists) is dropped line by line; the publication line feeds `meta` instead.
 * - When the site shows the title above the article container (its own title bar) and the article itself starts
 *   without it, that title is put first, so the report's title is always among the first blocks.
 * - Pictures are resolved against the page's own folder and only looked up on disk: nothing is ever fetched.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, resolve as resolvePath } from "node:path";
import { fileURLToPath } from "node:url";
import { isTag, isText, type AnyNode, type ChildNode, type Element, type ParentNode } from "domhandler";
import { DomUtils, parseDocument } from "htmlparser2";
import { linesToBlocks, linkShare, titleScore, type Draft, type LineDraft, type Segment } from "./lines.js";
import { cjkCount, collapse, decodePage, joinAll } from "./text.js";
import type { Block, MarkupDocument, SourceCell, SourceTable } from "./types.js";

type Meta = MarkupDocument["meta"];

/**
 * Elements that never hold report content: scripts, styles, embedded frames, site navigation, form widgets, SVG seals.
 */
const DROP = new Set([
  "script",
  "style",
  "noscript",
  "iframe",
  "frame",
  "frameset",
  "nav",
  "header",
  "footer",
  "form",
  "select",
  "option",
  "button",
  "input",
  "textarea",
  "svg",
  "math",
  "canvas",
  "template",
  "object",
  "embed",
  "audio",
  "video",
  "map",
  "link",
  "meta",
  "head",
  "title",
  "dialog",
]);

/** Elements that start and end a line of text (everything else is inline). */
const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "caption",
  "center",
  "dd",
  "details",
  "dialog",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "hr",
  "html",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
  "menu",
  "legend",
  "option",
]);

const HEADING = /^h([1-6])$/;

/** A line of prose: enough ideographs outside links to be a sentence, not a menu item or a footer line. */
const PROSE_LINE_CJK = 25;
/**
 * What a picture outside links weighs, in ideographs, when looking for the article: reports often publish their
 * tables (or whole pages) as pictures, and such an article has little text to be found by.
 */
const PICTURE_WEIGHT = 2 * PROSE_LINE_CJK;
/** Pictures declared this small (width or height, px) are icons, not content. */
const ICON_PX = 64;
/** The article holds at least this share of the page's prose; its children do not. */
const ARTICLE_PROSE_SHARE = 0.7;
/** The report's title is looked for among this many first lines of the article. */
const TITLE_SEARCH_LINES = 6;
/** A line whose text is mostly links is navigation (related links, "上一篇/下一篇", attachment lists). */
const LINK_LINE_SHARE = 0.5;

export function readHtml(bytes: Uint8Array, filePath: string): MarkupDocument {
  const { text } = decodePage(bytes);
  const visible = readPage(text, filePath, true);
  if (hasTable(visible)) return visible;
  // Some sites hide the text version until a script shows it (tabs between a scan viewer and the text): when the
  // visible page has no table, the hidden elements are read too, and kept if they hold the report's tables.
  const all = readPage(text, filePath, false);
  return hasTable(all) ? all : visible;
}

const hasTable = (doc: MarkupDocument) => doc.blocks.some((b) => b.kind === "table");

function readPage(text: string, filePath: string, dropHidden: boolean): MarkupDocument {
  const doc = parseDocument(text, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const meta = readMetaTags(doc);
  dropFurnitureElements(doc, dropHidden);
  const body = DomUtils.findOne((e) => e.name === "body", doc.children) ?? doc;

  const lines = scanLines(body);
  const root = articleRoot(body, lines);
  const blocks = emitBlocks(root, filePath);
  const titleAt = titleIndex(blocks);
  if (titleAt < 0) {
    const title = titleBefore(root, lines);
    if (title) blocks.unshift({ kind: "heading", level: 1, text: title });
  } else if (blocks[titleAt].kind === "paragraph") {
    // A site's title bar is styled by its class (centred, large), which we do not read: it is the article's heading.
    blocks[titleAt] = { kind: "heading", level: 1, text: (blocks[titleAt] as { text: string }).text };
  }
  mineInfoLine(meta, root, lines);
  numberTables(blocks);
  return { format: "html", meta, blocks };
}

// ---------------------------------------------------------------------------------------------------------------
// Metadata

function readMetaTags(doc: ParentNode): Meta {
  const meta: Meta = {};
  const title = DomUtils.findOne((e) => e.name === "title", doc.children);
  if (title) {
    const t = collapse(DomUtils.textContent(title));
    if (t) meta.htmlTitle = t;
  }
  const fields: Record<string, keyof Meta> = {
    articletitle: "articleTitle",
    pubdate: "pubDate",
    contentsource: "contentSource",
    sitename: "siteName",
    "og:site_name": "siteName",
  };
  for (const el of DomUtils.findAll((e) => e.name === "meta", doc.children)) {
    const key = (el.attribs.name ?? el.attribs.property ?? "").toLowerCase();
    const field = fields[key];
    const value = collapse(el.attribs.content ?? "");
    if (field && value && !meta[field]) meta[field] = value;
  }
  return meta;
}

// ---------------------------------------------------------------------------------------------------------------
// Cleaning

function isHidden(el: Element): boolean {
  if (el.attribs.hidden !== undefined) return true;
  const style = (el.attribs.style ?? "").toLowerCase().replace(/\s+/g, "");
  return /(?:^|;)display:none/.test(style) || /(?:^|;)visibility:hidden/.test(style);
}

/**
 * Removes what is never report content (and, when asked, what the page hides). Two HTML5/ASP.NET habits are kept: a
 * <header> inside an <article> is the
 * article's own title block, and a <form> wrapping a whole page (ASP.NET WebForms) is unwrapped, not dropped.
 */
function dropFurnitureElements(doc: ParentNode, dropHidden: boolean): void {
  const doomed: Element[] = [];
  const unwrap: Element[] = [];
  const visit = (node: ParentNode, inArticle: boolean) => {
    for (const child of node.children) {
      if (!isTag(child)) continue;
      const name = child.name;
      if (name === "form" && holdsContent(child)) unwrap.push(child);
      else if ((name === "header" || name === "footer") && inArticle) {
        // kept: the article's own title/byline
      } else if (DROP.has(name) || (dropHidden && isHidden(child))) {
        doomed.push(child);
        continue;
      }
      visit(child, inArticle || name === "article");
    }
  };
  visit(doc, false);
  for (const el of doomed) DomUtils.removeElement(el);
  for (const form of unwrap) {
    const parent = form.parent;
    if (!parent) continue;
    for (const child of [...form.children]) DomUtils.prepend(form, child);
    DomUtils.removeElement(form);
  }
  // Comments and processing instructions carry no text we want.
  for (const node of DomUtils.filter((n) => n.type === "comment" || n.type === "directive", doc.children, true))
    DomUtils.removeElement(node as ChildNode);
}

/** A form holding a table or a good deal of prose wraps the page; a search box does not. */
function holdsContent(form: Element): boolean {
  return (
    DomUtils.findOne((e) => e.name === "table", form.children) !== null || cjkCount(DomUtils.textContent(form)) > 200
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Tables

const cellsOf = (row: Element): Element[] =>
  ownDescendants(
    row,
    (e) => e.name === "td" || e.name === "th",
    (e) => e.name === "table" || e.name === "tr",
  );
const rowsOf = (table: Element): Element[] =>
  ownDescendants(
    table,
    (e) => e.name === "tr",
    (e) => e.name === "table",
  );

/** Descendants matching `want`, not looking inside the matches nor inside elements where `stop` holds. */
function ownDescendants(el: Element, want: (e: Element) => boolean, stop: (e: Element) => boolean): Element[] {
  const out: Element[] = [];
  const visit = (node: Element) => {
    for (const child of node.children) {
      if (!isTag(child)) continue;
      if (want(child)) out.push(child);
      else if (!stop(child)) visit(child);
    }
  };
  visit(el);
  return out;
}

/** Text of a cell or heading: its lines joined (CJK rule), nested tables left out and handed to `nested`. */
function elementText(el: Element, nested?: Element[]): string {
  const lines: string[] = [];
  let cur = "";
  const newLine = () => {
    lines.push(cur);
    cur = "";
  };
  const visit = (node: AnyNode) => {
    if (isText(node)) cur += node.data;
    else if (isTag(node)) {
      if (node.name === "table") {
        nested?.push(node);
        newLine();
        return;
      }
      if (node.name === "br") return newLine();
      const block = BLOCK.has(node.name);
      if (block) newLine();
      for (const child of node.children) visit(child);
      if (block) newLine();
    }
  };
  for (const child of el.children) visit(child);
  newLine();
  return joinAll(lines);
}

const NUMERIC = /^[-−+]?\d[\d,，.．]*%?$/;

/** Own cells (not those of nested tables) and their texts, computed once per table. */
const cellTextCache = new WeakMap<Element, string[]>();
function ownCellTexts(table: Element): string[] {
  let texts = cellTextCache.get(table);
  if (!texts) {
    texts = rowsOf(table).flatMap((tr) => cellsOf(tr).map((td) => elementText(td, [])));
    cellTextCache.set(table, texts);
  }
  return texts;
}

/** Words every part of the three standard tables carries in its own cells. */
const REPORT_WORDS = /公开|申请|复议|诉讼|许可|处罚|强制|收费|采购|规章|规范性文件/;

/** A table of the report: figures in at least two cells and the report's vocabulary (a calendar has figures only). */
function isDataTable(table: Element): boolean {
  const texts = ownCellTexts(table);
  return texts.filter((t) => NUMERIC.test(t)).length >= 2 && texts.some((t) => REPORT_WORDS.test(t));
}

/**
 * A table used for page layout, not data: it holds other tables and prose of its own (whole paragraphs in its
 * cells), and is no data table itself (a report table with a table nested in a cell stays a table). Its cells are
 * walked like <div>s.
 */
function isLayoutTable(table: Element): boolean {
  if (!DomUtils.findOne((e) => e.name === "table", table.children) || isDataTable(table)) return false;
  const texts = ownCellTexts(table);
  const prose = texts.reduce((n, t) => n + cjkCount(t), 0);
  return prose >= 200 || texts.some((t) => cjkCount(t) >= 2 * PROSE_LINE_CJK);
}

function spanOf(value: string | undefined): number {
  const n = Number.parseInt(value ?? "", 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 1000) : 1;
}

/** The table's own rows of cells, and the tables nested in its cells (in document order). */
function readTable(table: Element): { rows: SourceCell[][]; nested: Element[] } {
  const nested: Element[] = [];
  const rows: SourceCell[][] = [];
  for (const tr of rowsOf(table)) {
    const cells = cellsOf(tr).map((td) => ({
      text: elementText(td, nested),
      rowSpan: spanOf(td.attribs.rowspan),
      colSpan: spanOf(td.attribs.colspan),
    }));
    if (cells.length) rows.push(cells);
  }
  return { rows, nested };
}

/**
 * Table blocks for a table and, after it, those nested in its cells; a table that only wraps others gives none itself.
 */
function tableBlocks(table: Element): Block[] {
  const { rows, nested } = readTable(table);
  const out: Block[] = [];
  // A <caption> ("表一 主动公开政府信息情况") names the table: it reads as the paragraph above it.
  const caption = table.children.find((c): c is Element => isTag(c) && c.name === "caption");
  const captionText = caption ? elementText(caption) : "";
  if (captionText) out.push({ kind: "paragraph", text: captionText });
  if (rows.some((r) => r.some((c) => c.text !== ""))) out.push({ kind: "table", table: { index: -1, rows } });
  for (const inner of nested) out.push(...tableBlocks(inner));
  return out;
}

function numberTables(blocks: Block[]): void {
  let index = 0;
  for (const b of blocks) if (b.kind === "table") (b.table as SourceTable).index = index++;
}

// ---------------------------------------------------------------------------------------------------------------
// Finding the article

/** A line of the page as a reader sees it: the block that holds it, its ideographs and how many are link text. */
interface PageLine {
  owner: ParentNode;
  first: AnyNode;
  text: string;
  cjk: number;
  linkCjk: number;
}

/** Every line of text on the page (data tables' cells left out: they are figures, not prose), and its pictures. */
function scanLines(body: ParentNode): PageLine[] {
  const lines: PageLine[] = [];
  let parts: string[] = [];
  let first: AnyNode | null = null;
  let cjk = 0;
  let linkCjk = 0;
  const flush = (owner: ParentNode) => {
    const text = collapse(parts.join(""));
    if (text && first) lines.push({ owner, first, text, cjk, linkCjk });
    parts = [];
    first = null;
    cjk = linkCjk = 0;
  };
  const visit = (node: AnyNode, owner: ParentNode, inLink: boolean) => {
    if (isText(node)) {
      const n = cjkCount(node.data);
      parts.push(node.data);
      first ??= node;
      cjk += n;
      if (inLink) linkCjk += n;
      return;
    }
    if (!isTag(node)) return;
    if (node.name === "br") return flush(owner);
    if (node.name === "table" && isDataTable(node)) return flush(owner);
    if (node.name === "img" && isContentPicture(node, inLink)) {
      flush(owner);
      lines.push({ owner, first: node, text: "", cjk: PICTURE_WEIGHT, linkCjk: 0 });
      return;
    }
    const block = BLOCK.has(node.name);
    if (block) flush(owner);
    const link = inLink || (node.name === "a" && node.attribs.href !== undefined);
    for (const child of node.children) visit(child, block ? node : owner, link);
    if (block) flush(node);
  };
  for (const child of body.children) visit(child, body, false);
  flush(body);
  return lines;
}

/** A picture that may be report content: not a linked logo or button, not declared icon-sized. */
function isContentPicture(img: Element, inLink: boolean): boolean {
  if (inLink) return false;
  const px = (v: string | undefined) => (v && /^\d+(?:px)?$/.test(v.trim()) ? Number.parseInt(v, 10) : Infinity);
  return Math.min(px(img.attribs.width), px(img.attribs.height)) >= ICON_PX;
}

/** The elements (and the document) above a node, nearest first. */
function ancestors(node: AnyNode): ParentNode[] {
  const out: ParentNode[] = [];
  for (let p = node.parent; p; p = p.parent) out.push(p);
  return out;
}

/** Lowest common ancestor of the nodes, or null for none. */
function commonAncestor(nodes: ParentNode[]): ParentNode | null {
  if (!nodes.length) return null;
  let chain: ParentNode[] = [nodes[0], ...ancestors(nodes[0])];
  for (const n of nodes.slice(1)) {
    const mine = new Set<ParentNode>([n, ...ancestors(n)]);
    chain = chain.filter((a) => mine.has(a));
  }
  return chain[0] ?? null;
}

/**
 * The deepest element holding most of the page's prose: going down from the body, step into the child that still
 * holds {@link ARTICLE_PROSE_SHARE} of it. Navigation and side lists are link text and do not count; footers are
 * short lines and do not count either. A page without sentences (tables and short lines only) weighs every line
 * outside links instead.
 */
function proseRoot(body: ParentNode, lines: PageLine[]): ParentNode | null {
  const weightOf = (l: PageLine, all: boolean) => {
    if (l.linkCjk > LINK_LINE_SHARE * l.cjk) return 0;
    const own = l.cjk - l.linkCjk;
    return all || own >= PROSE_LINE_CJK ? own : 0;
  };
  const all = lines.reduce((n, l) => n + weightOf(l, false), 0) < 4 * PROSE_LINE_CJK;
  const weight = new Map<ParentNode, number>();
  const count = new Map<ParentNode, number>();
  let total = 0;
  for (const l of lines) {
    const w = weightOf(l, all);
    if (!w) continue;
    total += w;
    for (const a of [l.owner, ...ancestors(l.owner)]) {
      weight.set(a, (weight.get(a) ?? 0) + w);
      count.set(a, (count.get(a) ?? 0) + 1);
    }
  }
  if (!total) return null;
  // Down into the child holding most of the prose, but not into a single paragraph: an article has several lines.
  let node: ParentNode = body;
  for (;;) {
    const next = node.children.find(
      (c): c is Element => isTag(c) && (weight.get(c) ?? 0) >= ARTICLE_PROSE_SHARE * total && (count.get(c) ?? 0) >= 2,
    );
    if (!next) return node;
    node = next;
  }
}

/** Ideographs under each element, and how many of them are link text. */
function textWeights(lines: PageLine[]): { all: Map<ParentNode, number>; link: Map<ParentNode, number> } {
  const all = new Map<ParentNode, number>();
  const link = new Map<ParentNode, number>();
  for (const l of lines)
    for (const a of [l.owner, ...ancestors(l.owner)]) {
      all.set(a, (all.get(a) ?? 0) + l.cjk);
      link.set(a, (link.get(a) ?? 0) + l.linkCjk);
    }
  return { all, link };
}

/**
 * The element holding the report: the smallest one containing the page's prose and its data tables. A data table
 * whose inclusion would mostly add link text (a statistics widget in a side bar: the common ancestor then takes in
 * the site's menus) is left out. A root that falls on a data table itself (a page of one table) moves up to the
 * table's parent, so the table stays a table.
 */
function articleRoot(body: ParentNode, lines: PageLine[]): ParentNode {
  const tables = DomUtils.findAll((e) => e.name === "table" && !isLayoutTable(e) && isDataTable(e), body.children);
  const weights = textWeights(lines);
  const addsNavigation = (from: ParentNode, to: ParentNode) => {
    const added = (weights.all.get(to) ?? 0) - (weights.all.get(from) ?? 0);
    const addedLinks = (weights.link.get(to) ?? 0) - (weights.link.get(from) ?? 0);
    return added > 0 && addedLinks > LINK_LINE_SHARE * added;
  };
  let root: ParentNode | null = proseRoot(body, lines);
  for (const t of tables) {
    const widened: ParentNode | null = root ? commonAncestor([root, t]) : t;
    if (!root || (widened && !addsNavigation(root, widened))) root = widened;
  }
  if (!root) return body;
  const table = [root, ...ancestors(root)].find(
    (a): a is Element => isTag(a) && a.name === "table" && !isLayoutTable(a),
  );
  return table?.parent ?? root;
}

/** Where the report's title is among the first blocks (before any table), or -1. */
function titleIndex(blocks: Block[]): number {
  for (let i = 0, seen = 0; i < blocks.length && seen < TITLE_SEARCH_LINES; i++) {
    const b = blocks[i];
    if (b.kind === "table") break;
    if (b.kind !== "heading" && b.kind !== "paragraph") continue;
    if (titleScore(b.text) > 0) return i;
    seen++;
  }
  return -1;
}

const isInside = (node: AnyNode, root: ParentNode) => node === root || ancestors(node).includes(root);
/** `a` comes before `b` in the page (domutils reports the position of its first argument: 2 = PRECEDING). */
const precedes = (a: AnyNode, b: AnyNode) => (DomUtils.compareDocumentPosition(a, b) & 2) !== 0;

/** "当前位置：首页 > 政务公开 > …年度报告": the trail names the page but is not its title. */
const BREADCRUMB = /当前位置|您的位置|所在位置|现在位置|[>»＞›]/;

/** The site's own title line above the article (a title bar outside the article's container), not a link. */
function titleBefore(root: ParentNode, lines: PageLine[]): string | null {
  let best: { text: string; score: number } | null = null;
  for (const l of lines) {
    if (l.linkCjk > 0 || BREADCRUMB.test(l.text) || isInside(l.first, root) || !precedes(l.first, root as AnyNode))
      continue;
    const score = titleScore(l.text);
    // The nearest of equally good titles: the one right above the article, not a banner at the top of the page.
    if (score > 0 && (!best || score >= best.score)) best = { text: l.text, score };
  }
  return best?.text ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// The publication line ("发布时间：2020-01-20 来源：…")

const INFO_LABEL =
  /(?:发布时间|发布日期|发文日期|更新时间|信息来源|文章来源|来源|发布机构|作者|责任编辑|编辑|浏览次数|浏览量|阅读次数|点击数|点击率|访问次数|字号|时间|日期)\s*[：:]/g;
const SOLO_INFO =
  /^(?:(?:发布时间|发布日期|更新时间|信息来源|文章来源|来源|浏览次数|浏览量|阅读次数|点击数|访问次数|字号)\s*[：:]|(?:时间|日期)\s*[：:]\s*\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$)/;
const DATE_IN_INFO =
  /(?:发布时间|发布日期|发文日期|时间|日期)\s*[：:]\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?)/;
const SOURCE_IN_INFO =
  /(?:信息来源|文章来源|来源)\s*[：:]\s*(.{2,40}?)(?=\s|发布|浏览|点击|阅读|字号|作者|编辑|时间|日期|【|\[|$)/;

/** The byline of a web article: two or more of its labels, or one of them opening a short line. */
function isInfoLine(text: string): boolean {
  if (text.length > 200 || /。/.test(text)) return false;
  const labels = text.match(INFO_LABEL)?.length ?? 0;
  return labels >= 2 || (labels === 1 && text.length <= 40 && SOLO_INFO.test(text));
}

/** Page tools and their separators; a short line made of nothing else is the tool bar. */
const TOOL_WORDS =
  /扫一扫在手机上查看当前页面|打印本页|打印此页|打印文章|关闭窗口|关闭本页|返回顶部|返回列表|分享到|收藏本页|我要纠错|附件下载|相关链接|相关阅读|相关文件|上一篇|下一篇|扫一扫|打印|关闭|返回|分享|收藏|纠错|字号|默认|微信|微博|QQ空间|大|中|小|[【】\[\]()（）|丨/、:：·\s]/g;

function isToolLine(text: string): boolean {
  return text.length <= 40 && text.replace(TOOL_WORDS, "") === "" && /[\u4e00-\u9fff]/.test(text);
}

/** Publication date and source from the byline: inside the article first, else the last one above it. */
function mineInfoLine(meta: Meta, root: ParentNode, lines: PageLine[]): void {
  if (meta.pubDate && meta.contentSource) return;
  const info = lines.filter((l) => isInfoLine(l.text));
  const inside = info.filter((l) => isInside(l.first, root));
  const above = info.filter((l) => !isInside(l.first, root) && precedes(l.first, root as AnyNode));
  const pick = inside[0] ?? above.at(-1);
  if (!pick) return;
  const date = pick.text.match(DATE_IN_INFO);
  const source = pick.text.match(SOURCE_IN_INFO);
  if (!meta.pubDate && date) meta.pubDate = date[1].replace(/\s+/g, "");
  if (!meta.contentSource && source) meta.contentSource = source[1].trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Blocks

interface Style {
  center: boolean;
  bold: boolean;
  size?: number;
  link: boolean;
}

const FONT_TAG_PT = [0, 7.5, 10, 12, 13.5, 18, 24, 36];

/** A CSS font size in pt (pt, px, em/% of the inherited size), or undefined when not stated or not understood. */
function cssSize(value: string, inherited: number | undefined): number | undefined {
  const m = value.trim().match(/^([\d.]+)\s*(pt|px|em|rem|%)?/i);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!Number.isFinite(n) || n <= 0) return undefined;
  switch ((m[2] ?? "px").toLowerCase()) {
    case "pt":
      return n;
    case "px":
      return n * 0.75;
    case "em":
    case "rem":
      return inherited ? n * inherited : undefined;
    case "%":
      return inherited ? (n / 100) * inherited : undefined;
  }
  return undefined;
}

function cssDeclarations(style: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const decl of (style ?? "").split(";")) {
    const i = decl.indexOf(":");
    if (i > 0)
      out.set(
        decl.slice(0, i).trim().toLowerCase(),
        decl
          .slice(i + 1)
          .trim()
          .toLowerCase(),
      );
  }
  return out;
}

/** The style an element passes to its text: alignment (block elements only), weight, size and whether it is a link. */
function styleOf(el: Element, parent: Style): Style {
  const css = cssDeclarations(el.attribs.style);
  const out: Style = { ...parent };
  if (BLOCK.has(el.name)) {
    const align = css.get("text-align") ?? el.attribs.align?.toLowerCase();
    if (el.name === "center" || align === "center" || align === "middle") out.center = true;
    else if (align) out.center = false;
  }
  if (el.name === "b" || el.name === "strong" || el.name === "th") out.bold = true;
  const weight = css.get("font-weight");
  if (weight) out.bold = weight === "bold" || weight === "bolder" || Number(weight) >= 600;
  const size = css.get("font-size");
  if (size) out.size = cssSize(size, parent.size) ?? out.size;
  if (el.name === "font" && el.attribs.size) {
    const n = Number.parseInt(el.attribs.size, 10);
    if (n >= 1 && n <= 7) out.size = FONT_TAG_PT[n];
  }
  if (el.name === "a" && el.attribs.href !== undefined) out.link = true;
  return out;
}

/** Headings, paragraphs, tables and pictures of the article, in reading order. */
function emitBlocks(root: ParentNode, filePath: string): Block[] {
  const drafts: Draft[] = [];
  let segments: Segment[] = [];
  let center = false;
  const flush = (soft = false) => {
    if (segments.some((s) => s.text.trim() !== "")) drafts.push({ kind: "line", segments, center, soft });
    segments = [];
  };
  const visit = (node: AnyNode, style: Style) => {
    if (isText(node)) {
      if (!segments.length) center = style.center;
      segments.push({ text: node.data, bold: style.bold, size: style.size, link: style.link });
      return;
    }
    if (!isTag(node)) return;
    const name = node.name;
    if (name === "br") return flush(true);
    if (name === "hr") return flush();
    if (name === "img") {
      flush();
      const image = imageBlock(node, filePath);
      if (image) drafts.push(image);
      return;
    }
    if (name === "table" && !isLayoutTable(node)) {
      flush();
      drafts.push(...tableBlocks(node));
      return;
    }
    const heading = name.match(HEADING);
    if (heading) {
      flush();
      const text = elementText(node);
      if (text) drafts.push({ kind: "heading", level: Number(heading[1]), text });
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush();
    const inner = styleOf(node, style);
    for (const child of node.children) visit(child, inner);
    if (block) flush();
  };
  const plain: Style = { center: false, bold: false, link: false };
  const start = isTag(root as AnyNode) ? styleOf(root as Element, plain) : plain;
  for (const child of root.children) visit(child, start);
  flush();
  return linesToBlocks(drafts, keepLine);
}

/** Lines that are site furniture: mostly links, the byline, the tool bar. */
const keepLine = (text: string, draft: LineDraft) =>
  linkShare(draft) <= LINK_LINE_SHARE && !isInfoLine(text) && !isToolLine(text);

// ---------------------------------------------------------------------------------------------------------------
// Pictures

function decodePercent(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    // %xx sequences of GBK bytes (pages saved by older Chinese browsers): decode the bytes as GB18030.
    try {
      const bytes: number[] = [];
      for (let i = 0; i < s.length; i++) {
        if (s[i] === "%" && /^[0-9a-f]{2}$/i.test(s.slice(i + 1, i + 3))) {
          bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
          i += 2;
        } else bytes.push(...Buffer.from(s[i], "utf8"));
      }
      return new TextDecoder("gb18030").decode(Uint8Array.from(bytes));
    } catch {
      return s;
    }
  }
}

/** The file a picture's src names beside the page, or null (remote, root-relative, data: or not saved). */
export function imagePath(src: string, filePath: string): string | null {
  const s = src.trim();
  if (!s || s.startsWith("//") || s.startsWith("/") || /^data:/i.test(s)) return null;
  let candidate: string;
  if (/^file:/i.test(s)) {
    try {
      candidate = fileURLToPath(s.replace(/[?#].*$/, ""));
    } catch {
      return null;
    }
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(s)) return null;
  else candidate = resolvePath(dirname(filePath), decodePercent(s.replace(/[?#].*$/, "").replace(/\\/g, "/")));
  try {
    return existsSync(candidate) && statSync(candidate).isFile() ? candidate : null;
  } catch {
    return null;
  }
}

function imageBlock(img: Element, filePath: string): Block | null {
  // Lazy-loading pages keep the real address in data-src / data-original and a placeholder in src.
  const src = img.attribs["data-src"] ?? img.attribs["data-original"] ?? img.attribs.src ?? "";
  if (!src.trim()) return null;
  return {
    kind: "image",
    src,
    path: imagePath(src, filePath),
    alt: collapse(img.attribs.alt ?? img.attribs.title ?? ""),
  };
}
