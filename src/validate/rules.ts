import type { ReportJson } from "../extract/report.js";
import { APPLICATION_COLUMNS, APPLICATION_ROWS, REVIEW_COLUMNS, REVIEW_ROWS, standardCells } from "../template/templates.js";
import type { Warning } from "./warning.js";

type Lookup = (key: string) => { value: number; label: string; page: number } | undefined;

function lookup(report: ReportJson): Lookup {
  const byKey = new Map(report.cells.map((c) => [`${c.table}/${c.row}/${c.column}`, c]));
  const labels = new Map(
    report.report.template ? standardCells(report.report.template, report.report.other_rows).map((c) => [`${c.table}/${c.row}/${c.column}`, c]) : [],
  );
  return (key) => {
    const c = byKey.get(key);
    if (!c) return undefined;
    const l = labels.get(key);
    return { value: c.value, label: l ? `${l.rowLabel.replace(/^.*\s/, "")} ${l.columnLabel}` : key, page: c.page };
  };
}

const EPS = 1e-6;
const fmt = (n: number) => String(Number(n.toFixed(6)));

/**
 * Checks `left = right` over the given cells; silent when any cell is missing (missing cells are already
 * reported as extraction warnings, and a relation over unread cells says nothing).
 */
function relation(rule: string, get: Lookup, left: string[], right: string[], describe: (l: string, r: string) => string): Warning | null {
  const l = left.map(get);
  const r = right.map(get);
  if (l.some((x) => !x) || r.some((x) => !x)) return null;
  const lv = l.reduce((s, x) => s + x!.value, 0);
  const rv = r.reduce((s, x) => s + x!.value, 0);
  if (Math.abs(lv - rv) <= EPS) return null;
  const side = (xs: typeof l) => xs.map((x) => `${x!.label} ${fmt(x!.value)}`).join(" + ");
  const pages = [...new Set([...l, ...r].map((x) => x!.page))].sort((a, b) => a - b);
  return {
    rule,
    kind: "consistency",
    severity: "error",
    message: `${describe(side(l), side(r))}（第${pages.join("、")}页）`,
    cells: [...left, ...right],
    pages,
    left: { cells: left, value: lv },
    right: { cells: right, value: rv },
  };
}

/**
 * The template's own relations over one report's cells. A table that could not be read completely is not
 * checked: a relation over a partly read table would report the reader's gaps as the agency's errors.
 */
export function checkReport(report: ReportJson): Warning[] {
  const incomplete = new Set(report.warnings.filter((w) => w.rule === "table.cells_missing").flatMap((w) => w.cells.map((c) => c.split("/")[0])));
  const get: Lookup = (key) => (incomplete.has(key.split("/")[0]) ? undefined : lookupAll(key));
  const lookupAll = lookup(report);
  const out: (Warning | null)[] = [];
  const appRows = new Set(report.cells.filter((c) => c.table === "applications").map((c) => c.row));
  // The template's outcome rows, not the ones read: a missing row must silence the relation, not shrink it.
  const outcomeRows = APPLICATION_ROWS[report.report.other_rows]
    .map((r) => r.id)
    .filter((r) => !["new_received", "carried_over", "total", "carried_forward"].includes(r));
  const a = (row: string, col: string) => `applications/${row}/${col}`;
  if (appRows.size) {
    for (const col of APPLICATION_COLUMNS.map((c) => c.id)) {
      out.push(
        relation("applications.balance", get, [a("new_received", col), a("carried_over", col)], [a("total", col), a("carried_forward", col)], (l, r) => `${l} ≠ ${r}`),
      );
      out.push(relation("applications.outcome_sum", get, [a("total", col)], outcomeRows.map((r) => a(r, col)), (l, r) => `${l} ≠ ${r}`));
    }
    const orgCols = APPLICATION_COLUMNS.filter((c) => c.id !== "total").map((c) => c.id);
    for (const row of appRows)
      out.push(relation("applications.row_total", get, [a(row, "total")], orgCols.map((c) => a(row, c)), (l, r) => `${l} ≠ ${r}`));
  }
  for (const row of REVIEW_ROWS.map((r) => r.id)) {
    const k = (col: string) => `review_litigation/${row}/${col}`;
    const parts = REVIEW_COLUMNS.filter((c) => c.id !== "total").map((c) => k(c.id));
    out.push(relation("review_litigation.row_total", get, [k("total")], parts, (l, r) => `${REVIEW_ROWS.find((x) => x.id === row)!.label} ${l} ≠ ${r}`));
  }
  for (const c of report.cells) {
    const key = `${c.table}/${c.row}/${c.column}`;
    const mayBeNegative = c.column === "change";
    const mayBeFraction = c.column === "amount_10k_yuan" || c.column === "amount";
    if ((c.value < 0 && !mayBeNegative) || (!Number.isInteger(c.value) && !mayBeFraction))
      out.push({
        rule: "value.invalid",
        kind: "consistency",
        severity: "error",
        message: `${c.row_label} / ${c.column_label}: ${fmt(c.value)} is not a valid count（第${c.page}页）`,
        cells: [key],
        pages: [c.page],
      });
  }
  return out.filter((w): w is Warning => w !== null);
}
