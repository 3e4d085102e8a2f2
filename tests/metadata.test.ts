import { describe, expect, it } from "vitest";
import { agencyFromTitle, ownAgencyName, readMetadata } from "../src/extract/metadata.js";
import { detectTemplate } from "../src/extract/report.js";
import type { Glyph, PageModel } from "../src/pdf/types.js";

describe("agencyFromTitle / ownAgencyName", () => {
  it.each([
    ["淮安市洪泽区人民政府2024年政府信息公开工作年度报告", "洪泽区人民政府"],
    ["江苏省淮安市洪泽区人民政府2023年度政府信息公开工作年度报告", "洪泽区人民政府"],
    ["孟州市商务局2024年政府信息公开工作年度报告", "孟州市商务局"],
    ["天津市河西区教育局2019年政府信息公开工作年度报告", "河西区教育局"],
    ["关于孟州市商务局的2024年度政府信息公开工作年度报告", "孟州市商务局"],
    ["凤阳县市场监督管理局 2024 年政府信息公开工作年度报告", "凤阳县市场监督管理局"],
  ])("%s → %s", (title, agency) => {
    expect(agencyFromTitle(title)).toBe(agency);
  });

  it("returns null without a year or without a name before it", () => {
    expect(agencyFromTitle("政府信息公开工作年度报告")).toBeNull();
    expect(agencyFromTitle("2024年政府信息公开工作年度报告")).toBeNull();
  });

  it("keeps city-level names and drops only the parent of a county-level one", () => {
    expect(ownAgencyName("淮安市人民政府")).toBe("淮安市人民政府");
    expect(ownAgencyName("上海市浦东新区人民政府")).toBe("浦东新区人民政府");
    expect(ownAgencyName("洛阳市新安县人民政府办公室")).toBe("新安县人民政府办公室");
  });

  // Bug: a city agency whose name starts with 1-3 characters and 区 (社区, 开发区) loses its city.
  it("keeps a city agency whose name merely contains 区 (成都市社区发展治理委员会)", () => {
    expect(ownAgencyName("成都市社区发展治理委员会")).toBe("成都市社区发展治理委员会");
  });
});

describe("readMetadata", () => {
  const line = (text: string, y: number, size: number): Glyph[] =>
    Array.from(text).map((ch, k) => ({
      text: ch,
      x0: 50 + k * size,
      x1: 50 + (k + 1) * size,
      y0: y,
      y1: y + size,
      size,
      vertical: false,
    }));
  const page = (glyphs: Glyph[]): PageModel => ({
    number: 1,
    width: 595,
    height: 842,
    glyphs,
    segments: [],
    imageCoverage: 0,
    textLayer: "ok",
    source: "text",
  });

  it("corrects an OCR'd place no real division has by the real one a character away that the text names", () => {
    const ocr = (glyphs: Glyph[]) => glyphs.map((g) => ({ ...g, confidence: 90 }));
    const title = ocr(line("易城区新华街道办事处2021年政府信息公开工作年度报告", 80, 22));
    const prose = ocr(line("鼎城区新华街道办事处认真贯彻落实条例", 140, 12));
    expect(readMetadata([page([...title, ...prose])]).agency).toBe("鼎城区新华街道办事处");
    // Nothing in the text to tell: the reading is kept, not guessed, and said to be OCR's (the report flags it).
    expect(readMetadata([page(title)])).toMatchObject({ agency: "易城区新华街道办事处", agencyByOcr: true });
  });

  it("joins an OCR'd title wrapped mid-word whose short second line's ink is a fifth lower", () => {
    const ocr = (glyphs: Glyph[]) => glyphs.map((g) => ({ ...g, confidence: 98 }));
    const first = ocr(line("云溪市自然资源和规划局2020年政府信息公开工", 114, 24.5));
    const second = ocr(line("作年度报告", 146, 19.7));
    expect(readMetadata([page([...first, ...second])])).toMatchObject({ agency: "云溪市自然资源和规划局", year: 2020 });
    // A text layer gives font sizes: lines of two sizes are two things (a title and a subtitle, say).
    const textTitle = readMetadata([
      page([...line("云溪市自然资源和规划局2020年政府信息公开工", 114, 24.5), ...line("作年度报告", 146, 19.7)]),
    ]);
    expect(textTitle.agency).toBeNull();
  });

  it("takes the agency from the line above a title that starts at its year, whatever the agency's kind", () => {
    for (const agency of ["河南省人民政府办公厅", "来宾市政务服务中心", "宁国市经济技术开发区管理委员会"]) {
      const meta = readMetadata([page([...line(agency, 80, 16), ...line("2023年政府信息公开工作年度报告", 104, 22)])]);
      expect(meta).toMatchObject({ agency, year: 2023 });
    }
  });

  it("reads a title wrapped over two lines, ignoring smaller text that mentions the report", () => {
    const glyphs = [
      ...line("淮安市洪泽区人民政府", 80, 22),
      ...line("2024年政府信息公开工作年度报告", 106, 22),
      ...line("本报告是根据2019年政府信息公开条例编制的报告", 200, 12),
    ];
    expect(readMetadata([page(glyphs)])).toEqual({
      title: "淮安市洪泽区人民政府2024年政府信息公开工作年度报告",
      agency: "洪泽区人民政府",
      year: 2024,
    });
  });

  it("takes an OCR'd running header that names a real place over a surer title that does not", () => {
    const ocr = (glyphs: Glyph[], confidence: number) => glyphs.map((g) => ({ ...g, confidence }));
    const glyphs = [
      ...ocr(line("孟州市商务局", 30, 9), 85),
      ...ocr(line("重州市商务局2024年政府信息公开工作年度报告", 60, 20), 98),
    ];
    expect(readMetadata([page(glyphs)]).agency).toBe("孟州市商务局");
    // Between two readings of a made-up or unknown place, the surer one still wins.
    const unknown = [
      ...ocr(line("临潮区教育局", 30, 9), 85),
      ...ocr(line("临湖区教育局2019年政府信息公开工作年度报告", 60, 20), 98),
    ];
    expect(readMetadata([page(unknown)]).agency).toBe("临湖区教育局");
  });

  it("gives nulls when no page names the report", () => {
    expect(readMetadata([page(line("目录", 80, 20))])).toEqual({ title: null, agency: null, year: null });
  });
});

describe("detectTemplate", () => {
  it("reads the version from the active-disclosure column words", () => {
    expect(detectTemplate("规章 本年制发件数 本年废止件数 现行有效件数", 2019)).toBe("2021");
    expect(detectTemplate("本年新制作数量 本年新公开数量 对外公开总数量", 2023)).toBe("2019");
  });

  it("falls back to the year when the words are missing or mixed", () => {
    expect(detectTemplate("", 2020)).toBe("2019");
    expect(detectTemplate("", 2021)).toBe("2021");
    expect(detectTemplate("本年制发件数 新制作数量", 2024)).toBe("2021");
    expect(detectTemplate("", null)).toBeNull();
  });
});
