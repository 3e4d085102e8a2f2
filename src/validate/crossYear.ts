import type { ReportJson } from "../report/types.js";
import { APPLICATION_COLUMNS } from "../template/templates.js";
import { onPages, pagesOf } from "../report/warning.js";
import { cellLookup, fmt, incompleteTables, type CellValue } from "./rules.js";
import type { Warning } from "../report/warning.js";

/** One agency's name as reports of different years print it: full-width forms, spaces and brackets aside. */
export function agencyKey(agency: string): string {
  return agency.normalize("NFKC").replace(/[\s()（）]/g, "");
}

/** Rows the cross-year checks compare. */
const CROSS_YEAR_ROWS = new Set([
  "applications/carried_over",
  "applications/carried_forward",
  "active_disclosure/rules",
  "active_disclosure/normative_documents",
]);

/** What checkBatch reads of a report, and the cross-year warnings it already has (a whole report will do). */
export interface CrossYearView {
  source: { file: string; sha256: string | null };
  report: Pick<ReportJson["report"], "agency" | "year" | "template">;
  cells: CellValue[];
  warnings: Warning[];
}

/** A report's cross-year view: a batch holds this for every report instead of whole reports. */
export function crossYearView(report: ReportJson): CrossYearView {
  return {
    source: { file: report.source.file, sha256: report.source.sha256 },
    report: { agency: report.report.agency, year: report.report.year, template: report.report.template },
    cells: report.cells
      .filter((c) => CROSS_YEAR_ROWS.has(`${c.table}/${c.row}`))
      .map(({ table, row, column, value, page }) => ({ table, row, column, value, page })),
    warnings: report.warnings.filter((w) => w.rule === "table.cells_missing" || w.rule.startsWith("cross_year.")),
  };
}

/**
 * Checks consecutive years of one agency in a batch: this year's 上年结转 must equal last year's 结转下年度,
 * column by column (warning on the later report), and, as info, 现行有效件数 must follow from last year's
 * plus this year's 制发 minus 废止. Returns the warnings to add, per report.
 */
export function checkBatch<R extends CrossYearView>(reports: R[]): Map<R, Warning[]> {
  const out = new Map<R, Warning[]>();
  const byAgencyYear = new Map<string, R>();
  // Of several reports of one agency and year, the same one whatever order the batch lists them in (shards merged).
  const sortKey = (r: R) => `${r.source.file}\u0000${r.source.sha256 ?? ""}`;
  for (const r of reports) {
    if (!r.report.agency || !r.report.year) continue;
    const key = `${agencyKey(r.report.agency)}|${r.report.year}`;
    const held = byAgencyYear.get(key);
    if (!held || sortKey(r) < sortKey(held)) byAgencyYear.set(key, r);
  }
  for (const cur of reports) {
    if (!cur.report.agency || !cur.report.year) continue;
    const prev = byAgencyYear.get(`${agencyKey(cur.report.agency)}|${cur.report.year - 1}`);
    if (!prev) continue;
    const warnings: Warning[] = [];
    const now = cellLookup(cur);
    const before = cellLookup(prev);
    const usable = !incompleteTables(cur).has("applications") && !incompleteTables(prev).has("applications");
    for (const col of usable ? APPLICATION_COLUMNS : []) {
      const over = now(`applications/carried_over/${col.id}`, "上年结转");
      const fwd = before(`applications/carried_forward/${col.id}`, "结转下年度");
      if (!over || !fwd || Math.abs(over.value - fwd.value) < 1e-6) continue;
      warnings.push({
        rule: "cross_year.carry_over",
        kind: "consistency",
        severity: "warning",
        message: `${col.label}: ${cur.report.year}年上年结转 ${fmt(over.value)}${onPages(pagesOf([over]))} ≠ ${prev.report.year}年结转下年度 ${fmt(fwd.value)}（${prev.source.file}${fwd.page === null ? "" : `，第${fwd.page}页`}）`,
        cells: [over.key],
        pages: pagesOf([over]),
        left: { cells: [over.key], value: over.value },
        right: { cells: [`${prev.source.file}#${fwd.key}`], value: fwd.value },
      });
    }
    const disclosureRead =
      !incompleteTables(cur).has("active_disclosure") && !incompleteTables(prev).has("active_disclosure");
    if (cur.report.template === "2021" && prev.report.template === "2021" && disclosureRead) {
      for (const row of ["rules", "normative_documents"]) {
        const k = (col: string) => `active_disclosure/${row}/${col}`;
        const inForce = now(k("in_force"), "现行有效件数");
        const issued = now(k("issued"), "本年制发件数");
        const repealed = now(k("repealed"), "本年废止件数");
        const last = before(k("in_force"), "上年现行有效件数");
        if (!inForce || !issued || !repealed || !last) continue;
        const expected = last.value + issued.value - repealed.value;
        if (Math.abs(expected - inForce.value) < 1e-6) continue;
        warnings.push({
          rule: "cross_year.in_force",
          kind: "consistency",
          severity: "info",
          message: `${row === "rules" ? "规章" : "行政规范性文件"}: 现行有效件数 ${fmt(inForce.value)} ≠ ${prev.report.year}年现行有效 ${fmt(last.value)} + 本年制发 ${fmt(issued.value)} − 本年废止 ${fmt(repealed.value)} = ${fmt(expected)}${onPages(pagesOf([inForce]))}`,
          cells: [inForce.key, issued.key, repealed.key],
          pages: pagesOf([inForce]),
          left: { cells: [inForce.key], value: inForce.value },
          right: { cells: [`${prev.source.file}#${last.key}`, issued.key, repealed.key], value: expected },
        });
      }
    }
    if (warnings.length) out.set(cur, warnings);
  }
  return out;
}
