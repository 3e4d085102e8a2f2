import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../src/cli/main.js";
import type { ReportJson } from "../src/report/types.js";
import { parseCsv } from "./csv.js";

// The fixtures are written by scripts/make-samples.ts (`npx tsx scripts/make-samples.ts --fixtures`).
const ROOT = resolve(fileURLToPath(import.meta.url), "../..");
const PDF = {
  xinan2022: join(ROOT, "samples/sample-xinan-2022-ruled.pdf"),
  xinan2023: join(ROOT, "tests/fixtures/xinan-2023-carry.pdf"),
  prose: join(ROOT, "tests/fixtures/hexi-2023-prose.pdf"),
  review: join(ROOT, "tests/fixtures/fengyang-2022-review.pdf"),
};
const PROSE_SAYS = 58; // hexi-2023-prose: 全年共收到政府信息公开申请58件 (its table: 35 new, 1 carried over)
const COLUMNS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"];

const truth = (pdf: string) =>
  (JSON.parse(readFileSync(pdf.replace(/\.pdf$/, ".truth.json"), "utf8")) as { cells: Record<string, number> }).cells;
const readReport = (dir: string, name: string) => JSON.parse(readFileSync(join(dir, name), "utf8")) as ReportJson;
const writeReport = (dir: string, name: string, r: ReportJson) =>
  writeFileSync(join(dir, name), JSON.stringify(r, null, 2));
const warningsCsv = (dir: string) => parseCsv(readFileSync(join(dir, "warnings.csv"), "utf8"));
const consistency = (r: ReportJson) => r.warnings.filter((w) => w.kind === "consistency");
const cell = (r: ReportJson, key: string) => r.cells.find((c) => `${c.table}/${c.row}/${c.column}` === key)!;

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
async function extract(...pdfs: string[]): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), "xxgk-rules-"));
  temps.push(out);
  expect(await main(["extract", ...pdfs, "-o", out, "--quiet"])).toBe(0);
  return out;
}

beforeAll(() => {
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
});
afterAll(() => vi.restoreAllMocks());

describe("two consecutive years of one agency whose carry-over disagrees", () => {
  const [t2022, t2023] = [truth(PDF.xinan2022), truth(PDF.xinan2023)];
  const fwd2022 = (col: string) => t2022[`applications/carried_forward/${col}`];
  const over2023 = (col: string) => t2023[`applications/carried_over/${col}`];
  const differing = COLUMNS.filter((col) => fwd2022(col) !== over2023(col));
  const OLD = "sample-xinan-2022-ruled.json";
  const NEW = "xinan-2023-carry.json";
  let out: string;
  beforeAll(async () => {
    out = await extract(PDF.xinan2022, PDF.xinan2023);
  }, 300_000);

  it("the fixture differs in 自然人 and 总计", () => {
    expect(differing).toEqual(["natural_person", "total"]);
  });

  it("warns on the 2023 report for exactly the differing columns, with both values and the 2022 file", () => {
    const r = readReport(out, NEW);
    const ws = consistency(r);
    expect(ws.map((w) => [w.rule, w.cells[0]])).toEqual(
      differing.map((col) => ["cross_year.carry_over", `applications/carried_over/${col}`]),
    );
    for (const [w, col] of ws.map((w, k) => [w, differing[k]] as const)) {
      expect(w.message).toContain(`2023年上年结转 ${over2023(col)}`);
      expect(w.message).toContain(`2022年结转下年度 ${fwd2022(col)}`);
      expect(w.message).toContain("sample-xinan-2022-ruled.pdf");
      expect(w.left?.value).toBe(over2023(col));
      expect(w.right?.value).toBe(fwd2022(col));
    }
    expect(consistency(readReport(out, OLD))).toEqual([]);
  });

  it("lists those warnings in warnings.csv", () => {
    const rows = warningsCsv(out).filter((w) => w.rule === "cross_year.carry_over");
    expect(rows.map((w) => [w.file, w.year, w.kind, w.cells])).toEqual(
      differing.map((col) => ["xinan-2023-carry.pdf", "2023", "consistency", `applications/carried_over/${col}`]),
    );
  });

  it("xxgk check: hand corrections clear the warnings, a broken total brings the template's rules back", async () => {
    // Correct 2023's 上年结转 to 2022's 结转下年度, and 结转下年度 by as much, so 2023 still balances.
    const r = readReport(out, NEW);
    for (const col of differing) {
      const delta = fwd2022(col) - cell(r, `applications/carried_over/${col}`).value;
      cell(r, `applications/carried_over/${col}`).value += delta;
      cell(r, `applications/carried_forward/${col}`).value += delta;
    }
    writeReport(out, NEW, r);
    expect(await main(["check", out])).toBe(0);
    expect(consistency(readReport(out, NEW))).toEqual([]);
    expect(warningsCsv(out).filter((w) => w.kind === "consistency")).toEqual([]);

    const broken = readReport(out, NEW);
    cell(broken, "applications/total/total").value += 5;
    writeReport(out, NEW, broken);
    expect(await main(["check", out])).toBe(0);
    const ws = consistency(readReport(out, NEW));
    expect(ws.map((w) => w.rule).sort()).toEqual([
      "applications.balance",
      "applications.outcome_sum",
      "applications.row_total",
    ]);
    for (const w of ws) expect(w.cells).toContain("applications/total/total");
    expect(
      warningsCsv(out)
        .filter((w) => w.kind === "consistency")
        .map((w) => w.rule)
        .sort(),
    ).toEqual(ws.map((w) => w.rule).sort());
  });
});

describe("reports that contradict themselves as published", () => {
  let out: string;
  beforeAll(async () => {
    out = await extract(PDF.prose, PDF.review);
  }, 300_000);

  it("narrative.mismatch: the prose's count of applications against the table's", () => {
    const received = truth(PDF.prose)["applications/new_received/total"];
    const ws = consistency(readReport(out, "hexi-2023-prose.json"));
    expect(ws.map((w) => w.rule)).toEqual(["narrative.mismatch"]);
    expect(ws[0].message).toContain(`申请${PROSE_SAYS}件`);
    expect(ws[0].message).toContain(`本年新收申请总计为 ${received}`);
    expect([ws[0].left?.value, ws[0].right?.value]).toEqual([PROSE_SAYS, received]);
  });

  it("review_litigation.row_total: 行政复议 总计 0 under 结果维持 10 + 结果纠正 1", () => {
    const ws = consistency(readReport(out, "fengyang-2022-review.json"));
    expect(ws.map((w) => [w.rule, w.severity])).toEqual([["review_litigation.row_total", "error"]]);
    expect(ws[0].message).toMatch(
      /^行政复议 总计 0 ≠ 结果维持 10 \+ 结果纠正 1 \+ 其他结果 0 \+ 尚未审结 0（第\d+页）$/,
    );
    expect(warningsCsv(out).find((w) => w.rule === "review_litigation.row_total")?.file).toBe(
      "fengyang-2022-review.pdf",
    );
  });
});
