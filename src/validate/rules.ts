import { cellKey, type ReportJson } from "../report/types.js";
import {
  AMOUNT_COLUMNS,
  APPLICATION_COLUMNS,
  APPLICATION_ROWS,
  REVIEW_COLUMNS,
  REVIEW_ROWS,
  standardCells,
} from "../template/templates.js";
import { onPages, pagesOf, warning, type Warning } from "../report/warning.js";

export interface CellRef {
  key: string;
  value: number;
  /** null for a web page's or Word file's cell. */
  page: number | null;
  /** Short Chinese label of the cell within the relation (the part that varies). */
  label: string;
}

/** Looks up a cell of a report by table/row/column; undefined when it was not read. */
export type Lookup = (key: string, label: string) => CellRef | undefined;

/** The part of a cell the rules read. */
export type CellValue = Pick<ReportJson["cells"][number], "table" | "row" | "column" | "value" | "page">;

export function cellLookup(report: { cells: CellValue[] }): Lookup {
  const byKey = new Map(report.cells.map((c) => [cellKey(c), c]));
  return (key, label) => {
    const c = byKey.get(key);
    return c ? { key, value: c.value, page: c.page, label } : undefined;
  };
}

const EPS = 1e-6;
export const fmt = (n: number) => String(Number(n.toFixed(6)));

/**
 * Checks `sum(left) = sum(right)`; silent when any cell is missing (missing cells are already reported as
 * extraction warnings, and a relation over unread cells says nothing about the report).
 */
function relation(
  rule: string,
  scope: string,
  left: (CellRef | undefined)[],
  right: (CellRef | undefined)[],
): Warning | null {
  if (left.some((x) => !x) || right.some((x) => !x)) return null;
  const l = left as CellRef[];
  const r = right as CellRef[];
  const lv = l.reduce((s, x) => s + x.value, 0);
  const rv = r.reduce((s, x) => s + x.value, 0);
  if (Math.abs(lv - rv) <= EPS) return null;
  // Long sums list their non-zero terms only; the total is given, so nothing is hidden.
  const side = (xs: CellRef[]) => {
    const shown = xs.length > 6 ? xs.filter((x) => x.value !== 0) : xs;
    const terms = shown.map((x) => `${x.label} ${fmt(x.value)}`).join(" + ") || "0";
    return xs.length > 6
      ? `${fmt(xs.reduce((s, x) => s + x.value, 0))}（${terms}${shown.length < xs.length ? "，其余为0" : ""}）`
      : terms;
  };
  const pages = pagesOf([...l, ...r]);
  return {
    rule,
    kind: "consistency",
    severity: "error",
    message: `${scope}${side(l)} ≠ ${side(r)}${onPages(pages)}`,
    cells: [...l, ...r].map((x) => x.key),
    pages,
    left: { cells: l.map((x) => x.key), value: lv },
    right: { cells: r.map((x) => x.key), value: rv },
  };
}

const short = (label: string) =>
  label.replace(/^.*\s/, "").replace(/^[（(][一二三四五六七八九十]+[)）]|^[一二三四五六七八九十]+、|^\d+\./, "");

/** Warnings that say a table was not read whole: unread standard cells, figures the template has no row for. */
const INCOMPLETE = new Set(["table.cells_missing", "table.figures_unplaced"]);

/**
 * Tables read incompletely: their relations are not checked (the reader's gaps are not the agency's errors).
 */
export function incompleteTables(report: { warnings: Pick<Warning, "rule" | "cells">[] }): Set<string> {
  return new Set(
    report.warnings.filter((w) => INCOMPLETE.has(w.rule)).flatMap((w) => w.cells.map((c) => c.split("/")[0])),
  );
}

/** The applications table's relations: balance and outcome sum per column, row totals per row. */
function applicationRelations(report: ReportJson, get: Lookup): (Warning | null)[] {
  if (!report.cells.some((c) => c.table === "applications")) return [];
  const out: (Warning | null)[] = [];
  const rows = APPLICATION_ROWS[report.report.other_rows];
  const rowLabel = new Map(rows.map((r) => [r.id, short(r.label)]));
  const a = (row: string, col: string, label: string) => get(`applications/${row}/${col}`, label);
  // The template's outcome rows, not the ones read: a missing row must silence the relation, not shrink it.
  const outcomeRows = rows
    .map((r) => r.id)
    .filter((r) => !["new_received", "carried_over", "total", "carried_forward"].includes(r));
  for (const col of APPLICATION_COLUMNS) {
    const scope = `${col.label}: `;
    out.push(
      relation(
        "applications.balance",
        scope,
        [a("new_received", col.id, "本年新收"), a("carried_over", col.id, "上年结转")],
        [a("total", col.id, "办理结果总计"), a("carried_forward", col.id, "结转下年度")],
      ),
    );
    out.push(
      relation(
        "applications.outcome_sum",
        scope,
        [a("total", col.id, "办理结果总计")],
        outcomeRows.map((r) => a(r, col.id, rowLabel.get(r)!)),
      ),
    );
  }
  const orgCols = APPLICATION_COLUMNS.filter((c) => c.id !== "total");
  for (const row of rows)
    out.push(
      relation(
        "applications.row_total",
        `${short(row.label)}: `,
        [a(row.id, "total", "总计")],
        orgCols.map((c) => a(row.id, c.id, c.label)),
      ),
    );
  return out;
}

/** The review and litigation table's row totals. */
function reviewRelations(get: Lookup): (Warning | null)[] {
  return REVIEW_ROWS.map((row) => {
    const k = (col: string, label: string) => get(`review_litigation/${row.id}/${col}`, label);
    return relation(
      "review_litigation.row_total",
      `${row.label} `,
      [k("total", "总计")],
      REVIEW_COLUMNS.filter((c) => c.id !== "total").map((c) => k(c.id, c.label)),
    );
  });
}

/** Values no cell can hold: a negative count (only a change may be negative), a fraction of a count. */
function invalidValues(report: ReportJson): Warning[] {
  const { template, other_rows } = report.report;
  const labels = new Map(template ? standardCells(template, other_rows).map((c) => [cellKey(c), c]) : []);
  return report.cells.flatMap((c) => {
    const mayBeNegative = c.column === "change";
    const mayBeFraction = AMOUNT_COLUMNS.has(c.column);
    if ((c.value >= 0 || mayBeNegative) && (Number.isInteger(c.value) || mayBeFraction)) return [];
    const key = cellKey(c);
    const l = labels.get(key);
    const pages = pagesOf([c]);
    return [
      warning(
        "value.invalid",
        `${l ? `${l.rowLabel} / ${l.columnLabel}` : key}: ${fmt(c.value)} 不是有效的件数（应为非负整数）${onPages(pages)}`,
        [key],
        pages,
      ),
    ];
  });
}

/** The template's own relations and value checks over one report's cells. */
export function checkReport(report: ReportJson): Warning[] {
  const incomplete = incompleteTables(report);
  const all = cellLookup(report);
  const get: Lookup = (key, label) => (incomplete.has(key.split("/")[0]) ? undefined : all(key, label));
  const relations = [...applicationRelations(report, get), ...reviewRelations(get)].filter(
    (w): w is Warning => w !== null,
  );
  return [...relations, ...invalidValues(report), ...checkNarrative(report, get)];
}

/** What the prose says against what the tables say. */
export function checkNarrative(report: ReportJson, get: Lookup): Warning[] {
  const out: Warning[] = [];
  const received = get("applications/new_received/total", "本年新收申请总计");
  const carried = get("applications/carried_over/total", "上年结转");
  for (const s of report.narrative ?? []) {
    if (s.kind === "applications_received" && received) {
      const accepted = [received.value, received.value + (carried?.value ?? 0)];
      if (!accepted.some((v) => Math.abs(v - s.value) <= EPS))
        out.push({
          rule: "narrative.mismatch",
          kind: "consistency",
          severity: "warning",
          message: `正文称“${s.text}”（${fmt(s.value)}件${s.page === null ? "" : `，第${s.page}页`}），表三本年新收申请总计为 ${fmt(received.value)}${onPages(pagesOf([received]))}`,
          cells: [received.key],
          pages: pagesOf([s, received]),
          left: { cells: [], value: s.value },
          right: { cells: [received.key], value: received.value },
        });
    }
    if (s.kind === "no_applications" && received && received.value > 0)
      out.push({
        rule: "narrative.mismatch",
        kind: "consistency",
        severity: "warning",
        message: `正文称“${s.text}”${s.page === null ? "" : `（第${s.page}页）`}，表三本年新收申请总计为 ${fmt(received.value)}${onPages(pagesOf([received]))}`,
        cells: [received.key],
        pages: pagesOf([s, received]),
        left: { cells: [], value: 0 },
        right: { cells: [received.key], value: received.value },
      });
  }
  return out;
}
