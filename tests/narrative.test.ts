import { describe, expect, it } from "vitest";
import { readStatements } from "../src/extract/narrative.js";

const read = (text: string) => readStatements(text, 4).map(({ kind, value }) => ({ kind, value }));

describe("readStatements", () => {
  it("reads the number of applications received, with the clause and the page", () => {
    const [s, ...rest] = readStatements("2023年全区受理政府信息公开申请21件，均在法定期限答复", 4);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({ kind: "applications_received", value: 21, page: 4 });
    expect(s.text).toContain("申请21件");
    expect(s.text).not.toContain("法定期限");
  });

  it("reads the count across line breaks and thousands separators", () => {
    expect(read("全年共收到政府信息公开\n申请1,234件。")).toEqual([{ kind: "applications_received", value: 1234 }]);
  });

  it("reads a statement that no application was received", () => {
    expect(read("本年度未收到政府信息公开申请。")).toEqual([{ kind: "no_applications", value: 0 }]);
  });

  it("reads processing fees: zero as no fee, otherwise in yuan", () => {
    expect(read("全年收取政府信息公开信息处理费0元。")).toEqual([{ kind: "no_processing_fee", value: 0 }]);
    expect(read("收取信息处理费120元。")).toEqual([{ kind: "processing_fee", value: 120 }]);
    expect(read("收取信息处理费0.12万元。")).toEqual([{ kind: "processing_fee", value: 1200 }]);
    expect(read("本年度未收取信息处理费。")).toEqual([{ kind: "no_processing_fee", value: 0 }]);
  });

  it("reads nothing from a sentence without a figure, nor a sub-count", () => {
    expect(read("依法依规受理政府信息公开申请，及时答复申请人。")).toEqual([]);
    expect(read("共收到政府信息公开申请，其中予以公开3件。")).toEqual([]);
  });
});
