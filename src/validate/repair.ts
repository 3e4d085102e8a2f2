import { cellKey, type ReportCell, type ReportJson } from "../report/types.js";
import { onPages, pagesOf } from "../report/warning.js";
import { checkReport, fmt } from "./rules.js";
import type { Warning } from "../report/warning.js";

export interface RepairSettings {
  /** OCR readings below this confidence are unsure: one broken relation may correct such a figure alone. */
  unsureBelow: number;
  /** A correction changes at most this many digits (OCR confuses, drops or doubles a digit or two). */
  maxDigitEdits: number;
}

const RELATIONS = new Set([
  "applications.balance",
  "applications.outcome_sum",
  "applications.row_total",
  "review_litigation.row_total",
]);

/** Edits (insert, delete, replace) between two short strings. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

type Relation = Warning & { left: NonNullable<Warning["left"]>; right: NonNullable<Warning["right"]> };

const brokenRelations = (report: ReportJson): Relation[] =>
  checkReport(report).filter(
    (w): w is Relation => RELATIONS.has(w.rule) && w.left !== undefined && w.right !== undefined,
  );

/** The value each broken relation asks of one of its cells. */
function wanted(r: Relation, key: string, value: number): number {
  const diff = r.left.value - r.right.value;
  return r.left.cells.includes(key) ? value - diff : value + diff;
}

/**
 * Figures OCR misread that the template's own relations (勾稽关系) can put right. A figure is corrected when
 * every broken relation it is part of asks the same value of it and either two of them do (a row total and a
 * column sum meet in one cell) or it is the one unsure reading of the only one; the correction must be a
 * count, close to what OCR read (a digit or two), and leave all its relations kept. Text-layer figures are
 * never touched: a relation they break is the agency's. Each correction is a warning naming what OCR read.
 */
export function repairOcrValues(report: ReportJson, s: RepairSettings): { cells: ReportCell[]; warnings: Warning[] } {
  const warnings: Warning[] = [];
  // Text-layer reports (most) have nothing to correct: no relation is checked for them here.
  if (!report.cells.some((c) => c.confidence !== undefined)) return { cells: report.cells, warnings };
  let current = report;
  const tried = new Set<string>();
  for (;;) {
    const broken = brokenRelations(current);
    const byKey = new Map(current.cells.map((c) => [cellKey(c), c]));
    const unsure = (key: string) => (byKey.get(key)?.confidence ?? 100) < s.unsureBelow;
    const candidates: { cell: ReportCell; to: number; relations: Relation[] }[] = [];
    for (const cell of current.cells) {
      const key = cellKey(cell);
      if (cell.confidence === undefined || tried.has(key)) continue;
      const mine = broken.filter((r) => r.cells.includes(key));
      if (!mine.length) continue;
      const asks = mine.map((r) => wanted(r, key, cell.value));
      const to = asks[0];
      if (asks.some((v) => Math.abs(v - to) > 1e-6) || to < 0 || !Number.isInteger(to)) continue;
      const alone = mine.length === 1 && unsure(key) && mine[0].cells.filter(unsure).length === 1;
      if (mine.length < 2 && !alone) continue;
      const digits = cell.raw.normalize("NFKC").replace(/\D/g, "");
      if (editDistance(digits, String(to)) > s.maxDigitEdits) continue;
      candidates.push({ cell, to, relations: mine });
    }
    if (!candidates.length) break;
    candidates.sort(
      (a, b) => b.relations.length - a.relations.length || (a.cell.confidence ?? 0) - (b.cell.confidence ?? 0),
    );
    const { cell, to, relations } = candidates[0];
    const key = cellKey(cell);
    tried.add(key);
    const next = { ...current, cells: current.cells.map((c) => (c === cell ? { ...c, value: to, blank: false } : c)) };
    if (brokenRelations(next).some((r) => r.cells.includes(key))) continue;
    current = next;
    const rules = [...new Set(relations.map((r) => r.rule))].join(", ");
    warnings.push({
      rule: "ocr.repaired",
      kind: "extraction",
      severity: "warning",
      message: `${cell.row_label} / ${cell.column_label}: OCR read “${cell.raw}” (confidence ${cell.confidence}); the template's relations (${rules}) need ${fmt(to)}, taken instead${onPages(pagesOf([cell]))}`,
      cells: [key],
      pages: pagesOf([cell]),
    });
  }
  return { cells: current.cells, warnings };
}
