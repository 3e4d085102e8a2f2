import { describe, expect, it } from "vitest";
import type { ReportCell, ReportJson } from "../src/report/types.js";
import type { TemplateVersion } from "../src/template/templates.js";
import { checkBatch, crossYearView } from "../src/validate/crossYear.js";

// Requester columns then 总计, as APPLICATION_COLUMNS orders them.
const COLUMNS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"];
const withTotal = (xs: number[]) => [...xs, xs.reduce((a, b) => a + b, 0)];

/** Only the cells checkBatch reads: 上年结转, 结转下年度 and the 2021 template's 规范性文件 counts. */
function report(
  agency: string,
  year: number,
  a: { over: number[]; fwd: number[]; inForce?: [issued: number, repealed: number, inForce: number] },
  template: TemplateVersion = "2021",
): ReportJson {
  const cell = (table: ReportCell["table"], row: string, column: string, value: number): ReportCell => ({
    table,
    row,
    column,
    row_label: row,
    column_label: column,
    value,
    raw: String(value),
    blank: false,
    page: table === "applications" ? 3 : 2,
    bbox: [0, 0, 1, 1],
    strategy: "lattice",
    label_score: 1,
  });
  const cells = [
    ...withTotal(a.over).map((v, i) => cell("applications", "carried_over", COLUMNS[i], v)),
    ...withTotal(a.fwd).map((v, i) => cell("applications", "carried_forward", COLUMNS[i], v)),
    ...(a.inForce ?? []).map((v, i) =>
      cell("active_disclosure", "normative_documents", ["issued", "repealed", "in_force"][i], v),
    ),
  ];
  return {
    extractor: { name: "xxgk", version: "test" },
    source: { file: `${agency}-${year}.pdf`, sha256: "0".repeat(64), pages: 4, bytes: 1 },
    report: { agency, year, template, title: null, other_rows: "split" },
    tables: [],
    cells,
    narrative: [],
    warnings: [],
  };
}

const A = "新安县人民政府办公室";
const y2022 = (agency = A) => report(agency, 2022, { over: [2, 1, 0, 0, 0, 0], fwd: [3, 0, 0, 0, 1, 0] });
const y2023 = (over: number[], agency = A) => report(agency, 2023, { over, fwd: [1, 0, 0, 0, 0, 0] });
const SAME = [3, 0, 0, 0, 1, 0];
const DIFF = [2, 0, 0, 0, 1, 0]; // 自然人 and 总计 differ from 2022's 结转下年度

describe("checkBatch: 上年结转 against last year's 结转下年度", () => {
  it("warns on the later report, per differing column, naming both values and last year's file", () => {
    const [prev, cur] = [y2022(), y2023(DIFF)];
    const out = checkBatch([cur, prev]);
    expect([...out.keys()]).toEqual([cur]);
    const ws = out.get(cur)!;
    expect(ws.map((w) => [w.rule, w.kind, w.cells[0]])).toEqual([
      ["cross_year.carry_over", "consistency", "applications/carried_over/natural_person"],
      ["cross_year.carry_over", "consistency", "applications/carried_over/total"],
    ]);
    expect(ws[0].left).toEqual({ cells: ["applications/carried_over/natural_person"], value: 2 });
    expect(ws[0].right).toEqual({
      cells: [`${prev.source.file}#applications/carried_forward/natural_person`],
      value: 3,
    });
    expect(ws[1].message).toMatch(
      /^总计: 2023年上年结转 3（第3页） ≠ 2022年结转下年度 4（新安县人民政府办公室-2022\.pdf，第3页）$/,
    );
  });

  it("compares with the same one of several copies of last year's report, whatever the batch's order", () => {
    const copy = (name: string, fwd: number[]) => ({
      ...report(A, 2022, { over: [0, 0, 0, 0, 0, 0], fwd }),
      source: { file: name, sha256: "1".repeat(64), pages: 4, bytes: 1 },
    });
    const [a, b] = [copy("a.pdf", [3, 0, 0, 0, 1, 0]), copy("b.pdf", DIFF)];
    const cur = y2023(DIFF);
    const named = (order: ReportJson[]) =>
      checkBatch(order)
        .get(cur)
        ?.map((w) => w.right?.cells[0]) ?? [];
    expect(named([a, b, cur])).toEqual(named([cur, b, a]));
    expect(named([b, cur, a])[0]).toMatch(/^a\.pdf#/);
  });

  it("is silent when the carry-over agrees", () => {
    expect(checkBatch([y2022(), y2023(SAME)]).size).toBe(0);
  });

  it("compares consecutive years only", () => {
    const y2021 = report(A, 2021, { over: [0, 0, 0, 0, 0, 0], fwd: [3, 0, 0, 0, 1, 0] });
    expect(checkBatch([y2021, y2023(DIFF)]).size).toBe(0);
  });

  it("compares one agency only", () => {
    expect(checkBatch([y2022(), y2023(DIFF, "新安县教育局")]).size).toBe(0);
  });

  it("takes agency names differing only by spaces and brackets as one agency", () => {
    const prev = y2022("新安县人民政府 办公室");
    const cur = y2023(DIFF, "新安县人民政府（办公室）");
    expect(
      checkBatch([prev, cur])
        .get(cur)
        ?.map((w) => w.cells[0]),
    ).toEqual(["applications/carried_over/natural_person", "applications/carried_over/total"]);
  });

  it("is silent when either year's applications table was not read completely", () => {
    const missing = {
      rule: "table.cells_missing",
      kind: "extraction" as const,
      severity: "error" as const,
      message: "",
      cells: ["applications/granted/total"],
      pages: [],
    };
    const prev = y2022();
    prev.warnings.push(missing);
    expect(checkBatch([prev, y2023(DIFF)]).size).toBe(0);
    const cur = y2023(DIFF);
    cur.warnings.push(missing);
    expect(checkBatch([y2022(), cur]).size).toBe(0);
  });
});

describe("checkBatch: 现行有效件数 against last year's (2021 template)", () => {
  const prev = (template: TemplateVersion = "2021") =>
    report(A, 2022, { over: [0, 0, 0, 0, 0, 0], fwd: SAME, inForce: [14, 3, 87] }, template);
  const cur = (inForce: number) => report(A, 2023, { over: SAME, fwd: SAME, inForce: [11, 5, inForce] });

  it("adds an info when 现行有效 ≠ last year's + 制发 − 废止", () => {
    const c = cur(90);
    const ws = checkBatch([prev(), c]).get(c)!;
    expect(ws).toHaveLength(1);
    expect(ws[0]).toMatchObject({
      rule: "cross_year.in_force",
      kind: "consistency",
      severity: "info",
      left: { value: 90 },
      right: { value: 93 },
    });
    expect(ws[0].message).toContain("87 + 本年制发 11 − 本年废止 5 = 93");
  });

  it("is silent when it follows, or when last year used the 2019 template", () => {
    expect(checkBatch([prev(), cur(93)]).size).toBe(0);
    expect(checkBatch([prev("2019"), cur(90)]).size).toBe(0);
  });
});

describe("crossYearView", () => {
  it("keeps what checkBatch reads: the same warnings from views as from whole reports", () => {
    const extra = (r: ReportJson): ReportJson => ({
      ...r,
      cells: [...r.cells, { ...r.cells[0], row: "granted", row_label: "予以公开" }],
      warnings: [
        { rule: "applications.balance", kind: "consistency", severity: "warning", message: "x", cells: [], pages: [] },
      ],
    });
    const reports = [extra(y2022()), extra(y2023(DIFF))];
    const views = reports.map(crossYearView);
    expect(views[1].cells.some((c) => c.row === "granted")).toBe(false);
    expect(views[1].warnings).toEqual([]);
    const whole = checkBatch(reports);
    const slim = checkBatch(views);
    expect(slim.get(views[1])).toEqual(whole.get(reports[1]));
    expect(whole.get(reports[1])?.length).toBeGreaterThan(0);
  });
});
