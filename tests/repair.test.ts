import { describe, expect, it } from "vitest";
import type { ReportJson } from "../src/report/types.js";
import { repairOcrValues } from "../src/validate/repair.js";
import { consistentReport } from "./consistentReport.js";

const settings = { unsureBelow: 80, maxDigitEdits: 2 };

/** The consistent fixture as if OCR had read it surely, with some cells read otherwise. */
function ocrReport(readings: Record<string, [raw: string, confidence: number]>, ocr = true): ReportJson {
  const r = consistentReport();
  for (const c of r.cells) {
    if (ocr) c.confidence = 95;
    const read = readings[`${c.table}/${c.row}/${c.column}`];
    if (read) [c.raw, c.confidence, c.value] = [read[0], ocr ? read[1] : undefined, Number(read[0])];
  }
  return r;
}
const valueOf = (cells: ReportJson["cells"], key: string) =>
  cells.find((c) => `${c.table}/${c.row}/${c.column}` === key)!.value;

describe("repairOcrValues", () => {
  it("corrects a figure where a row total and a column sum meet, even a sure one, with a warning", () => {
    const { cells, warnings } = repairOcrValues(ocrReport({ "applications/total/commercial": ["7", 95] }), settings);
    expect(valueOf(cells, "applications/total/commercial")).toBe(1);
    expect(warnings.map((w) => [w.rule, w.cells])).toEqual([["ocr.repaired", ["applications/total/commercial"]]]);
    expect(warnings[0].message).toContain("“7”");
  });

  it("never touches a text-layer figure: a relation it breaks is the agency's", () => {
    const { cells, warnings } = repairOcrValues(
      ocrReport({ "applications/total/commercial": ["7", 95] }, false),
      settings,
    );
    expect(valueOf(cells, "applications/total/commercial")).toBe(7);
    expect(warnings).toEqual([]);
  });

  it("corrects the one unsure figure of a single broken relation, not one of two unsure ones", () => {
    const one = repairOcrValues(ocrReport({ "review_litigation/review/upheld": ["22", 40] }), settings);
    expect(valueOf(one.cells, "review_litigation/review/upheld")).toBe(2);
    const two = repairOcrValues(
      ocrReport({ "review_litigation/review/upheld": ["22", 40], "review_litigation/review/corrected": ["1", 50] }),
      settings,
    );
    expect(valueOf(two.cells, "review_litigation/review/upheld")).toBe(22);
    expect(two.warnings).toEqual([]);
  });

  it("leaves a figure the relations would change beyond a digit or two", () => {
    const { cells, warnings } = repairOcrValues(ocrReport({ "applications/total/commercial": ["7000", 40] }), settings);
    expect(valueOf(cells, "applications/total/commercial")).toBe(7000);
    expect(warnings).toEqual([]);
  });
});
