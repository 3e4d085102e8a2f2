/**
 * What is checked once a report is built: OCR'd figures the template's relations correct (a digit or two,
 * always with a warning), then every relation and value check of the template.
 */
import { LOW_OCR_CONFIDENCE, type ReportJson } from "../report/types.js";
import { repairOcrValues } from "./repair.js";
import { checkReport } from "./rules.js";

/** Digits a correction from the template's relations may change in an OCR reading. */
const MAX_REPAIR_EDITS = 2;

/** The report with its OCR'd figures repaired where the relations agree, and its consistency warnings. */
export function validateReport(report: ReportJson): ReportJson {
  const repaired = repairOcrValues(report, { unsureBelow: LOW_OCR_CONFIDENCE, maxDigitEdits: MAX_REPAIR_EDITS });
  const out = { ...report, cells: repaired.cells, warnings: [...report.warnings, ...repaired.warnings] };
  out.warnings.push(...checkReport(out));
  return out;
}
