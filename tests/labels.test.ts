import { describe, expect, it } from "vitest";
import { classify, mapApplications } from "../src/extract/map.js";
import type { RowRecord } from "../src/extract/rows.js";
import type { Cell, Table } from "../src/layout/table.js";
import { align } from "../src/template/align.js";
import { containment, normalizeLabel, similarity, stripNumbering } from "../src/text/labels.js";
import {
  APPLICATION_COLUMNS,
  APPLICATION_ROWS,
  EXTRA_COLUMN_KEYS,
  REVIEW_COLUMNS,
  REVIEW_ROWS,
} from "../src/template/templates.js";

describe("normalizeLabel", () => {
  it.each([
    ["（三）不予公开", "不予公开"],
    ["(3)不予公开", "不予公开"],
    ["2、重复申请", "重复申请"],
    ["2.重复申请", "重复申请"],
    ["２．重复申请", "重复申请"],
    ["三、本年度办理结果", "本年度办理结果"],
    ["三、（一）予以公开", "予以公开"],
    ["（十）其他", "其他"],
  ])("strips the numbering of %s", (label, want) => {
    expect(normalizeLabel(label)).toBe(want);
  });

  // Bug: NFKC folds ① to "1" before the numbering pattern runs, so the [①-⑩] branch never matches.
  it("strips circled numbering (①)", () => {
    expect(normalizeLabel("①属于国家秘密")).toBe("属于国家秘密");
  });

  it("folds full-width forms and drops spaces, punctuation and quotes", () => {
    expect(normalizeLabel("危及“三安全一稳定”")).toBe("危及三安全一稳定");
    expect(normalizeLabel(" 予 以\n公 开 ")).toBe("予以公开");
    expect(normalizeLabel("ＡＢＣ１２")).toBe("ABC12");
    expect(normalizeLabel("部分公开（区分处理的，只计这一情形）")).toBe("部分公开区分处理的只计这一情形");
  });

  it("keeps text that only looks like numbering", () => {
    expect(stripNumbering("一般事项")).toBe("一般事项");
    expect(normalizeLabel("2019年")).toBe("2019年");
  });
});

/** The split template row an observed label matches best, scored as the mapper does (leaf and full label). */
function bestRow(observed: string): string {
  const scored = APPLICATION_ROWS.split.map((d) => ({
    id: d.id,
    s: Math.max(similarity(observed, d.leaf), similarity(observed, d.label)),
  }));
  scored.sort((a, b) => b.s - a.s);
  expect(scored[0].s).toBeGreaterThan(scored[1].s);
  return scored[0].id;
}

describe("similarity", () => {
  it("is 1 for equal labels and 0 when nothing is shared or a side is empty", () => {
    expect(similarity("（一）予以公开", "予以公开")).toBe(1);
    expect(similarity("予以公开", "总计")).toBe(0);
    expect(similarity("", "总计")).toBe(0);
  });

  it.each([
    ["其他法律行政止公开", "denied_prohibited"],
    ["危及三安全一稳定", "denied_security_stability"],
    ["2、重复申请", "rejected_duplicate"],
    ["没有现成信息需要另\n行制作", "unavailable_needs_creation"],
    ["属于国家秘密", "denied_state_secret"],
    ["本机关不掌握相关政府信患", "unavailable_not_held"],
    ["（七）总计", "total"],
  ])("ranks the right template row first for %j", (observed, id) => {
    expect(bestRow(observed)).toBe(id);
  });

  it("containment measures how much of the template label a longer header holds", () => {
    expect(containment("本年新制作数量（件）", "本年新制作数量")).toBe(1);
    expect(containment("制作", "本年新制作数量")).toBeCloseTo(2 / 7);
  });
});

describe("align", () => {
  const alignLabels = (observed: string[], canonical: string[]) =>
    align(observed.length, canonical.length, (i, j) => similarity(observed[i], canonical[j])).map((m) => [
      m.observed,
      m.canonical,
    ]);

  it("preserves order and skips extra rows (a 合计 row, a repeated header)", () => {
    const canonical = ["规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制"];
    const observed = ["规章", "行政规范性文件", "合计", "信息内容", "行政许可", "行政处罚", "行政强制"];
    expect(alignLabels(observed, canonical)).toEqual([
      [0, 0],
      [1, 1],
      [4, 2],
      [5, 3],
      [6, 4],
    ]);
  });

  it("leaves template rows the report does not have unmatched", () => {
    expect(alignLabels(["规章", "行政强制"], ["规章", "行政规范性文件", "行政强制"])).toEqual([
      [0, 0],
      [1, 2],
    ]);
  });

  it("never crosses: two rows in the wrong order match only one", () => {
    const m = align(2, 2, (i, j) => (i !== j ? 1 : 0));
    expect(m).toHaveLength(1);
  });

  it("picks the earliest of two look-alike rows", () => {
    const m = align(
      3,
      2,
      (i, j) =>
        [
          [1, 0],
          [1, 0],
          [0, 1],
        ][i][j],
    );
    expect(m.map((x) => [x.observed, x.canonical])).toEqual([
      [0, 0],
      [2, 1],
    ]);
  });

  it("ignores scores below the threshold", () => {
    expect(align(1, 1, () => 0.49)).toEqual([]);
    expect(align(1, 1, () => 0.5)).toEqual([{ observed: 0, canonical: 0, score: 0.5 }]);
  });
});

describe("classify", () => {
  const app = (h: string) => classify(h, APPLICATION_COLUMNS, EXTRA_COLUMN_KEYS)?.id;

  it("identifies application columns by header words", () => {
    expect(app("自然人")).toBe("natural_person");
    expect(app("商业企业")).toBe("commercial");
    expect(app("科研机构")).toBe("research");
    expect(app("社会公益组织")).toBe("social_welfare");
    expect(app("法律服务机构")).toBe("legal_service");
    expect(app("其他")).toBe("other_org");
    expect(app("总计")).toBe("total");
  });

  it("gives null for an extra subtotal column and undefined for an empty header", () => {
    expect(classify("小计", APPLICATION_COLUMNS, EXTRA_COLUMN_KEYS)).toBeNull();
    expect(classify("合 计", APPLICATION_COLUMNS, EXTRA_COLUMN_KEYS)).toBeNull();
    expect(classify("  ", APPLICATION_COLUMNS, EXTRA_COLUMN_KEYS)).toBeUndefined();
  });

  it("identifies review/litigation columns and row groups", () => {
    expect(
      ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].map((h) => classify(h, REVIEW_COLUMNS)?.id),
    ).toEqual(["upheld", "corrected", "other", "pending", "total"]);
    expect(classify("行政诉讼 未经复议直接起诉 结果维持", REVIEW_ROWS)?.id).toBe("litigation_direct");
    expect(classify("行政诉讼 复议后起诉 总计", REVIEW_ROWS)?.id).toBe("litigation_after_review");
    expect(classify("行政复议 结果纠正", REVIEW_ROWS)?.id).toBe("review");
  });
});

describe("mapApplications", () => {
  const table: Table = { page: 3, strategy: "lattice", box: { x0: 0, y0: 0, x1: 1, y1: 1 }, xs: [], ys: [], cells: [] };
  const cell = (text: string): Cell => ({
    row: 0,
    col: 0,
    rowSpan: 1,
    colSpan: 1,
    box: { x0: 0, y0: 0, x1: 1, y1: 1 },
    text,
    glyphs: [],
  });
  const record = (row: number, group: string, leaf: string, values: string[], headers: string[]): RowRecord => ({
    table,
    row,
    leaf,
    group,
    values: values.map((v, k) => ({ cell: cell(v), header: headers[k] ?? "" })),
    context: "",
  });
  const org = (h: string) => `申请人情况 法人或其他组织 ${h}`;
  const headers = [
    "申请人情况 自然人",
    org("商业企业"),
    org("科研机构"),
    org("社会公益组织"),
    org("法律服务机构"),
    org("其他"),
    org("小计"),
    "申请人情况 总计",
  ];
  const byKey = (records: RowRecord[]) =>
    Object.fromEntries(mapApplications(records, "2021").cells.map((c) => [`${c.row}/${c.column}`, c.cell.text]));

  it("maps columns by header, drops the extra 小计 column and reads 其他 under the 法人或其他组织 title", () => {
    const got = byKey([
      record(0, "", "一、本年新收政府信息公开申请数量", ["1", "2", "3", "4", "5", "6", "20", "21"], headers),
      record(1, "三、本年度办理结果", "（一）予以公开", ["7", "0", "0", "0", "0", "1", "1", "8"], headers),
    ]);
    expect(got).toEqual({
      "new_received/natural_person": "1",
      "new_received/commercial": "2",
      "new_received/research": "3",
      "new_received/social_welfare": "4",
      "new_received/legal_service": "5",
      "new_received/other_org": "6",
      "new_received/total": "21",
      "granted/natural_person": "7",
      "granted/commercial": "0",
      "granted/research": "0",
      "granted/social_welfare": "0",
      "granted/legal_service": "0",
      "granted/other_org": "1",
      "granted/total": "8",
    });
  });

  it("maps a continuation row without header by position when the count fits", () => {
    const got = byKey([record(0, "", "四、结转下年度继续办理", ["1", "0", "0", "0", "0", "2", "3"], [])]);
    expect(got["carried_forward/natural_person"]).toBe("1");
    expect(got["carried_forward/other_org"]).toBe("2");
    expect(got["carried_forward/total"]).toBe("3");
  });

  it("maps a continuation row without header and with a 小计 column by position, without the subtotal", () => {
    const got = byKey([record(0, "", "四、结转下年度继续办理", ["1", "0", "0", "0", "0", "2", "2", "3"], [])]);
    expect(got["carried_forward/natural_person"]).toBe("1");
    expect(got["carried_forward/other_org"]).toBe("2");
    expect(got["carried_forward/total"]).toBe("3");
    expect(Object.keys(got)).toHaveLength(7);
    // Eight values whose seventh is no subtotal (145 split by OCR into 4 | 5): no column is guessed.
    expect(byKey([record(0, "", "四、结转下年度继续办理", ["4", "5", "23", "1", "0", "7", "5", "181"], [])])).toEqual(
      {},
    );
  });

  it("chooses the single （六）其他处理 row when the report prints one", () => {
    const rows = [
      record(0, "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", ["0", "0", "0", "0", "0", "0", "0"], []),
      record(1, "", "（六）其他处理", ["1", "0", "0", "0", "0", "0", "1"], []),
      record(2, "", "（七）总计", ["1", "0", "0", "0", "0", "0", "1"], []),
    ];
    const result = mapApplications(rows, "2021");
    expect(result.otherRows).toBe("single");
    expect(result.cells.filter((c) => c.row === "other")).toHaveLength(7);
    expect(result.used.size).toBe(3);
  });
});
