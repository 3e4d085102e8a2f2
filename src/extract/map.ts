import type { Cell, Table } from "../layout/table.js";
import { align, fillSingleGaps, MATCH_THRESHOLD } from "../template/align.js";
import { normalizeLabel, similarity } from "../text/labels.js";
import { parseValue } from "../text/values.js";
import {
  ACTIVE_DISCLOSURE,
  APPLICATION_COLUMNS,
  APPLICATION_ROWS,
  EXTRA_COLUMN_KEYS,
  REVIEW_COLUMNS,
  REVIEW_ROWS,
  type ColumnDef,
  type RowDef,
  type TableId,
  type TemplateVersion,
} from "../template/templates.js";
import { startsNumbered } from "../text/numbering.js";
import type { RowRecord } from "./rows.js";

/** A value cell placed on the standard template. */
export interface MappedCell {
  table: TableId;
  row: string;
  column: string;
  cell: Cell;
  /** The table the finder found the cell in (its page, strategy, source table or picture). */
  found: Table;
  /** How the row label matched the template (1 exact). */
  labelScore: number;
  /** How the column was identified. */
  columnBy: "header" | "position";
}

/** Below this label similarity a match is kept but flagged as loose. */
export const LOOSE_LABEL = 0.75;

function rowScore(rec: RowRecord, def: RowDef): number {
  const texts = [def.leaf, ...(def.variants ?? [])];
  let best = 0;
  for (const t of texts) {
    // A leaf may carry its group's words (a borderless table's group label set close to it).
    best = Math.max(best, similarity(rec.leaf, t), similarity(rec.leaf, def.label));
    if (rec.group) best = Math.max(best, similarity(rec.group + rec.leaf, def.label));
  }
  return best;
}

/** The first column whose key occurs in the text; extra (subtotal) columns give null. */
export function classify(text: string, columns: ColumnDef[], extraKeys: string[] = []): ColumnDef | null | undefined {
  const t = normalizeLabel(text);
  if (!t) return undefined;
  if (extraKeys.some((k) => t.includes(k))) return null;
  return columns.find((c) => c.keys.some((k) => t.includes(k)));
}

function mapColumns(
  rec: RowRecord,
  columns: ColumnDef[],
  headerText: (h: string) => string,
  extraKeys: string[] = [],
): { def: ColumnDef; cell: Cell; by: "header" | "position" }[] {
  const byHeader = rec.values.map((v) => ({ v, def: classify(headerText(v.header), columns, extraKeys) }));
  const known = byHeader.filter((x) => x.def);
  const ids = new Set(known.map((x) => x.def!.id));
  if (known.length && ids.size === known.length && byHeader.every((x) => x.def !== undefined))
    return known.map((x) => ({ def: x.def!, cell: x.v.cell, by: "header" as const }));
  // Every template column named once by its header: a column whose header could not be read is the extra one.
  if (ids.size === columns.length && known.length === columns.length)
    return known.map((x) => ({ def: x.def!, cell: x.v.cell, by: "header" as const }));
  // No usable header (continuation without header, unreadable header): position, when the count fits exactly.
  const kept = byHeader.filter((x) => x.def !== null);
  if (kept.length === columns.length)
    return kept.map((x, k) => ({ def: columns[k], cell: x.v.cell, by: "position" as const }));
  // One more where an extra column may stand: the subtotal of the organisations, printed before 总计, when it
  // is their sum (a figure OCR split in two also makes one value more, and its columns would all shift).
  if (extraKeys.length && kept.length === columns.length + 1 && isSubtotal(kept.map((x) => x.v.cell.text)))
    return kept
      .filter((_, k) => k !== columns.length - 1)
      .map((x, k) => ({ def: columns[k], cell: x.v.cell, by: "position" as const }));
  return known
    .filter((x, k, arr) => arr.findIndex((y) => y.def!.id === x.def!.id) === k)
    .map((x) => ({ def: x.def!, cell: x.v.cell, by: "header" as const }));
}

/** Whether the second-last of a row's values is the sum of those between the first and it (the organisations'). */
function isSubtotal(texts: string[]): boolean {
  const values = texts.map((t) => parseValue(t, undefined, true).value);
  const orgs = values.slice(1, -2);
  const subtotal = values[values.length - 2];
  return subtotal !== null && orgs.every((v) => v !== null) && orgs.reduce((a, v) => a! + v!, 0) === subtotal;
}

const withoutGroupTitles = (h: string) => h.replace(/申请人情况|法人或其他组织|法人或者其他组织/g, "");

export interface MappingResult {
  cells: MappedCell[];
  otherRows: "split" | "single";
  used: Set<RowRecord>;
}

/** A joined label must match the template this much better than either part to be one row. */
const JOIN_GAIN = 0.05;

/**
 * Rows a page break cut in two: a label ending on the next page ("…缴纳费" | "用、行政机关不再处理…") with the
 * figures on one side only. Two neighbouring records, one without printed figures and the second not starting
 * a label (no numbering), are one row when their joined label matches a template row better than either part.
 */
export function joinCutRows(records: RowRecord[], defs: RowDef[]): { record: RowRecord; parts: RowRecord[] }[] {
  const best = (rec: RowRecord) => Math.max(...defs.map((d) => rowScore(rec, d)));
  const printed = (rec: RowRecord) => rec.values.some((v) => v.cell.text.trim() !== "");
  const out: { record: RowRecord; parts: RowRecord[] }[] = [];
  for (const rec of records) {
    const prev = out[out.length - 1];
    if (prev && prev.parts.length === 1 && !startsNumbered(rec.leaf) && (!printed(prev.record) || !printed(rec))) {
      const figures = printed(rec) ? rec : prev.record;
      const joined = { ...figures, leaf: prev.record.leaf + rec.leaf, group: prev.record.group || rec.group };
      if (best(joined) > Math.max(best(prev.record), best(rec)) + JOIN_GAIN) {
        out[out.length - 1] = { record: joined, parts: [prev.record, rec] };
        continue;
      }
    }
    out.push({ record: rec, parts: [rec] });
  }
  return out;
}

/** Places the applications table: rows by label (order-preserving alignment), columns by header keywords. */
export function mapApplications(input: RowRecord[], version: TemplateVersion): MappingResult {
  const joined = joinCutRows(input, [...APPLICATION_ROWS.split, ...APPLICATION_ROWS.single]);
  const records = joined.map((j) => j.record);
  const candidates = (["split", "single"] as const).map((kind) => {
    const defs = APPLICATION_ROWS[kind];
    const score = (i: number, j: number) => rowScore(records[i], defs[j]);
    const matches = fillSingleGaps(align(records.length, defs.length, score), score);
    const total = matches.reduce((s, m) => s + m.score, 0);
    return { kind, defs, matches, total };
  });
  const preferred = version === "2019" ? "single" : "split";
  candidates.sort((a, b) => b.total - a.total || (a.kind === preferred ? -1 : 1));
  const best = candidates[0];
  const cells: MappedCell[] = [];
  const used = new Set<RowRecord>();
  for (const m of best.matches) {
    const rec = records[m.observed];
    for (const part of joined[m.observed].parts) used.add(part);
    for (const c of mapColumns(rec, APPLICATION_COLUMNS, withoutGroupTitles, EXTRA_COLUMN_KEYS))
      cells.push({
        table: "applications",
        row: best.defs[m.canonical].id,
        column: c.def.id,
        cell: c.cell,
        found: rec.table,
        labelScore: m.score,
        columnBy: c.by,
      });
  }
  return { cells, otherRows: best.kind, used };
}

/** Places the active-disclosure groups: rows by label, columns by the header of their group. */
export function mapActiveDisclosure(records: RowRecord[], version: TemplateVersion): MappedCell[] {
  const groups = ACTIVE_DISCLOSURE[version];
  const defs = groups.flatMap((g) => g.rows.map((r) => ({ row: r, group: g })));
  const matches = align(records.length, defs.length, (i, j) => rowScore(records[i], defs[j].row));
  const cells: MappedCell[] = [];
  for (const m of matches) {
    const rec = records[m.observed];
    const { row, group } = defs[m.canonical];
    // A one-column group takes the row's last printed value; a row printed all blank, its last cell.
    const printed = rec.values.filter((v) => v.cell.text.trim() !== "");
    const single = printed.length ? printed[printed.length - 1] : rec.values[rec.values.length - 1];
    const mapped =
      group.columns.length === 1
        ? single
          ? [{ def: group.columns[0], cell: single.cell, by: "position" as const }]
          : []
        : mapColumns(rec, group.columns, (h) => h);
    for (const c of mapped)
      cells.push({
        table: "active_disclosure",
        row: row.id,
        column: c.def.id,
        cell: c.cell,
        found: rec.table,
        labelScore: m.score,
        columnBy: c.by,
      });
  }
  return cells;
}

/**
 * Places the review/litigation values by the table's shape, which the template fixes: one row of 15 values
 * (复议 5, 未经复议直接起诉 5, 复议后起诉 5), or stacked as 5 + 10, or three rows of 5. The row's own label or
 * the header words name a group when they can; the header words confirm each column, and a disagreement
 * between header and position marks the cell as loosely matched.
 */
export function mapReviewLitigation(records: RowRecord[]): MappedCell[] {
  const order = [REVIEW_ROWS[2], REVIEW_ROWS[0], REVIEW_ROWS[1]];
  // Fifteen figures in a row are this table's whatever precedes them (its header may be on the page before);
  // five or ten need its words.
  const relevant = records.filter((r) => {
    const headers = r.values.map((v) => v.header).join("");
    const n = r.values.length;
    return (
      n === 15 ||
      ([5, 10].includes(n) && (/复议|诉讼/.test(r.context + r.leaf + r.group + headers) || /维持.*纠正/.test(headers)))
    );
  });
  const cells: MappedCell[] = [];
  const filled = new Set<string>();
  for (const rec of relevant) {
    const n = rec.values.length;
    let groups: ColumnDef[];
    if (n === 15) groups = order;
    else if (n === 10) groups = order.slice(1);
    else {
      const named =
        classify(`${rec.group} ${rec.leaf}`, REVIEW_ROWS) ??
        classify(rec.values.map((v) => v.header).join(" "), REVIEW_ROWS);
      const next = order.find((g) => !filled.has(g.id));
      const group = named && !filled.has(named.id) ? named : next;
      if (!group) continue;
      groups = [group];
    }
    if (groups.some((g) => filled.has(g.id))) continue;
    for (const g of groups) filled.add(g.id);
    rec.values.forEach((v, k) => {
      const row = groups[Math.floor(k / 5)];
      const col = REVIEW_COLUMNS[k % 5];
      const byHeader = classify(v.header, REVIEW_COLUMNS);
      const agrees = !byHeader || byHeader.id === col.id;
      cells.push({
        table: "review_litigation",
        row: row.id,
        column: col.id,
        cell: v.cell,
        found: rec.table,
        labelScore: agrees ? 1 : MATCH_THRESHOLD,
        columnBy: byHeader ? "header" : "position",
      });
    });
  }
  return cells;
}
