import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { strToU8, zipSync } from "fflate";
import { afterEach, describe, expect, it } from "vitest";
import { convertToDocx, NEEDS_LIBREOFFICE, sniffFormat } from "../../src/markup/convert.js";
import { readDocx } from "../../src/markup/docx.js";
import { makeDocx } from "./docxFixture.js";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/markup/${name}`, import.meta.url));

const hasSoffice = (() => {
  try {
    execFileSync("sh", ["-c", "command -v soffice"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe("sniffFormat", () => {
  it("tells the formats apart by content, whatever the file is called", () => {
    expect(sniffFormat(strToU8("%PDF-1.7\n%âãÏÓ\n1 0 obj"), "report.html")).toBe("pdf");
    expect(sniffFormat(strToU8(`${"\n".repeat(200)}%PDF-1.4`), "x")).toBe("pdf"); // junk before the header, within 1 KB
    expect(sniffFormat(makeDocx(), "report.doc")).toBe("docx");
    expect(sniffFormat(readFileSync(fixture("sample.doc")), "report.wps")).toBe("doc");
    expect(sniffFormat(readFileSync(fixture("gbk-nometa.html")), "report.pdf")).toBe("html");
    expect(sniffFormat(readFileSync(fixture("article.html")), "a")).toBe("html");
    expect(sniffFormat(strToU8("\ufeff  <!-- saved --><table><tr><td>1</td></tr></table>"), "t.htm")).toBe("html");
  });

  it("gives null for what none of the readers can read", () => {
    expect(sniffFormat(zipSync({ "xl/workbook.xml": strToU8("<workbook/>") }), "book.xlsx")).toBeNull();
    expect(sniffFormat(strToU8("plain text, no markup 政府信息公开"), "notes.txt")).toBeNull();
    expect(sniffFormat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), "x.png")).toBeNull();
  });

  it("keeps an encrypted .docx (an OLE package) with the Word reader, which explains the refusal", () => {
    const bytes = new Uint8Array(2048);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    bytes.set(Buffer.from("EncryptedPackage", "utf16le"), 1024);
    expect(sniffFormat(bytes, "secret.docx")).toBe("docx");
    expect(() => readDocx(bytes)).toThrow(/encrypted/);
  });
});

describe("convertToDocx", () => {
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  it("says what to install when LibreOffice is not on PATH", async () => {
    process.env.PATH = "/nonexistent";
    await expect(convertToDocx(fixture("sample.doc"))).rejects.toThrow(new Error(NEEDS_LIBREOFFICE));
  });

  it.skipIf(!hasSoffice)(
    "converts a .doc with LibreOffice into a .docx the Word reader reads (merges kept)",
    async () => {
      const bytes = await convertToDocx(fixture("sample.doc"));
      expect(sniffFormat(bytes, "out.docx")).toBe("docx");
      const doc = readDocx(bytes);
      expect(doc.blocks[0]).toEqual({ kind: "heading", level: 1, text: "示范县民政局2023年政府信息公开工作年度报告" });
      const table = doc.blocks.find((b) => b.kind === "table");
      expect(
        table?.kind === "table" && table.table.rows.map((r) => r.map((c) => [c.text, c.rowSpan, c.colSpan])),
      ).toEqual([
        [
          ["（本列数据的勾稽关系）", 2, 2],
          ["申请人情况", 1, 3],
        ],
        [
          ["自然人", 1, 1],
          ["商业企业", 1, 1],
          ["总计", 1, 1],
        ],
        [
          ["一、本年新收政府信息公开申请数量", 1, 2],
          ["１２", 1, 1],
          ["3", 1, 1],
          ["15", 1, 1],
        ],
        [
          ["三、本年度办理结果", 2, 1],
          ["（一）予以公开", 1, 1],
          ["8", 1, 1],
          ["1", 1, 1],
          ["9", 1, 1],
        ],
        [
          ["（二）部分公开", 1, 1],
          ["4", 1, 1],
          ["2", 1, 1],
          ["6", 1, 1],
        ],
        [
          ["备注", 1, 2],
          ["见下表", 1, 3],
        ],
      ]);
    },
  );
});
