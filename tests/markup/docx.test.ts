import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { NOT_DOCX, readDocx } from "../../src/markup/docx.js";
import type { Block, SourceTable } from "../../src/markup/types.js";
import { makeDocx, PIXEL_PNG } from "./docxFixture.js";

const tables = (blocks: Block[]): SourceTable[] => blocks.flatMap((b) => (b.kind === "table" ? [b.table] : []));

describe("readDocx", () => {
  const doc = readDocx(makeDocx());

  it("reads headings from styles (localized ids resolved by style name) and from centred bold large paragraphs", () => {
    expect(doc.format).toBe("docx");
    expect(doc.blocks.slice(0, 3)).toEqual([
      { kind: "heading", level: 1, text: "示范县民政局2023年政府信息公开工作年度报告" }, // pStyle "1" = "heading 1"
      { kind: "heading", level: 1, text: "青石镇人民政府 2023年政府信息公开工作年度报告" }, // centred, bold, 22 pt, wrapped with w:br
      { kind: "heading", level: 2, text: "一、总体情况" }, // pStyle "2" = "heading 2"
    ]);
  });

  it("reads paragraphs as Word shows them: tab as space, no hidden or deleted text, inserted text kept, size from w:sz", () => {
    expect(doc.blocks[3]).toEqual({ kind: "paragraph", text: "全年主动公开政府信息 156条。", size: 16 });
    // A line break inside a paragraph starts a new paragraph block.
    expect(doc.blocks.slice(4, 6)).toEqual([
      { kind: "paragraph", text: "第一行", size: 16 },
      { kind: "paragraph", text: "第二行", size: 16 },
    ]);
  });

  it("turns gridSpan into colSpan and a vMerge restart/continue run into one cell with a rowSpan", () => {
    const [t] = tables(doc.blocks);
    expect(t.index).toBe(0);
    expect(t.rows.map((r) => r.map((c) => c.text))).toEqual([
      ["（本列数据的勾稽关系）", "申请人情况"],
      ["自然人", "商业企业", "总计"],
      ["一、本年新收政府信息公开申请数量", "１２", "3", "15"],
      ["三、本年度办理结果", "（一）予以公开", "8", "1", "9"],
      ["（二）部分公开", "4", "2", "6"],
      ["备注", "见下表"],
    ]);
    // prettier-ignore
    expect(t.rows.map((r) => r.map((c) => [c.rowSpan, c.colSpan]))).toEqual([
      [[2, 2], [1, 3]],
      [[1, 1], [1, 1], [1, 1]],
      [[1, 2], [1, 1], [1, 1], [1, 1]],
      [[2, 1], [1, 1], [1, 1], [1, 1], [1, 1]],
      [[1, 1], [1, 1], [1, 1], [1, 1]],
      [[1, 2], [1, 3]],
    ]);
  });

  it("gives a table nested in a cell as its own table, left out of the outer cell's text", () => {
    const all = tables(doc.blocks);
    expect(all).toHaveLength(2);
    expect(all[1]).toEqual({
      index: 1,
      rows: [
        [
          { text: "附注", rowSpan: 1, colSpan: 1 },
          { text: "7", rowSpan: 1, colSpan: 1 },
        ],
      ],
    });
  });

  it("gives a picture once (DrawingML, not its VML fallback copy) with its bytes, and a text box's text once", () => {
    const images = doc.blocks.filter((b) => b.kind === "image");
    expect(images).toEqual([
      { kind: "image", src: "word/media/image1.png", path: null, alt: "复议诉讼表", data: PIXEL_PNG },
    ]);
    const rest = doc.blocks.slice(doc.blocks.indexOf(images[0]));
    expect(rest.map((b) => ("text" in b ? b.text : b.kind))).toEqual(["image", "图：复议诉讼情况", "文本框里的说明"]);
  });

  it("reads the core properties as document metadata", () => {
    expect(doc.meta).toEqual({ docTitle: "示范县民政局2023年报", author: "办公室", created: "2024-01-20T08:00:00Z" });
  });
});

describe("readDocx: files it cannot read", () => {
  it("says a truncated zip is not a readable .docx", () => {
    const whole = makeDocx();
    expect(() => readDocx(whole.subarray(0, Math.floor(whole.length / 2)))).toThrow(
      /^a damaged or truncated Word \.docx file/,
    );
  });

  it("says so for bytes that are no zip, and for a zip without word/document.xml", () => {
    expect(() => readDocx(strToU8("<html><body>not a docx</body></html>"))).toThrow(new Error(NOT_DOCX));
    expect(() => readDocx(makeDocx(["word/document.xml"]))).toThrow(new Error(NOT_DOCX));
    expect(() => readDocx(zipSync({ "content.xml": strToU8("<office:document/>") }))).toThrow(new Error(NOT_DOCX));
  });

  it("refuses OLE files: a legacy .doc, and a password-protected .docx", () => {
    const ole = (stream: string) => {
      const bytes = new Uint8Array(2048);
      bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      bytes.set(Buffer.from(stream, "utf16le"), 1024);
      return bytes;
    };
    expect(() => readDocx(ole("WordDocument"))).toThrow(/legacy Word\/WPS file \(OLE \.doc\/\.wps\)/);
    expect(() => readDocx(ole("EncryptedPackage"))).toThrow(/^encrypted Word file/);
  });
});
