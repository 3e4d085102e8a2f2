/**
 * Hostile and broken inputs for the end-to-end tests, all made on the fly (nothing big is committed):
 * pdfkit documents (encrypted, not a report, a report without tables, 500 pages), hand-written PDFs (an
 * image that declares gigabytes of pixels), a store-only ZIP (a DOCX), and damaged copies of the samples.
 */
import { deflateSync } from "node:zlib";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import PDFDocument from "pdfkit";

export const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
export const SAMPLES = join(ROOT, "samples");
const CJK_FONT = join(ROOT, "node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf");

/** Renders a pdfkit document into one buffer. */
export function pdfkit(options: PDFKit.PDFDocumentOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((done, fail) => {
    // Fixed dates and IDs so that the bytes do not depend on the clock.
    const doc = new PDFDocument({ compress: true, info: { CreationDate: new Date(Date.UTC(2024, 0, 1)) }, ...options });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => done(Buffer.concat(chunks)));
    doc.on("error", fail);
    doc.registerFont("cjk", CJK_FONT);
    try {
      draw(doc);
      doc.end();
    } catch (err) {
      fail(err);
    }
  });
}

/** A report-like page (title and prose), encrypted with a user password. */
export function encryptedPdf(userPassword: string): Promise<Buffer> {
  return pdfkit({ userPassword, ownerPassword: `${userPassword}-owner`, pdfVersion: "1.7" }, (doc) => {
    doc.font("cjk").fontSize(18).text("某某区司法局2023年政府信息公开工作年度报告", { align: "center" });
    doc.moveDown().fontSize(11).text("本报告由某某区司法局根据《中华人民共和国政府信息公开条例》编制。");
  });
}

/** A department budget (部门预算) with a ruled table of numbers: a PDF, with tables, but no disclosure report. */
export function budgetPdf(): Promise<Buffer> {
  return pdfkit({ size: "A4" }, (doc) => {
    doc.font("cjk").fontSize(18).text("某某市财政局2024年部门预算", { align: "center" });
    doc.moveDown().fontSize(11).text("一、部门收支总体情况表（单位：万元）");
    const rows = [
      ["项目", "2023年预算数", "2024年预算数", "增减", "增减率"],
      ["一般公共预算拨款收入", "12,345.67", "13,001.20", "655.53", "5.3%"],
      ["政府性基金预算拨款收入", "2,100.00", "1,950.00", "-150.00", "-7.1%"],
      ["事业收入", "480.50", "512.30", "31.80", "6.6%"],
      ["其他收入", "35.00", "40.00", "5.00", "14.3%"],
      ["一般公共服务支出", "8,210.00", "8,650.40", "440.40", "5.4%"],
      ["教育支出", "3,120.00", "3,300.00", "180.00", "5.8%"],
      ["社会保障和就业支出", "2,640.17", "2,553.10", "-87.07", "-3.3%"],
      ["收入总计", "14,961.17", "15,503.50", "542.33", "3.6%"],
    ];
    const x0 = 50;
    const widths = [170, 85, 85, 80, 75];
    const h = 24;
    let y = doc.y + 10;
    for (const row of rows) {
      let x = x0;
      row.forEach((cell, k) => {
        doc.rect(x, y, widths[k], h).lineWidth(0.5).stroke();
        doc
          .fontSize(9)
          .text(cell, x + 3, y + 7, { width: widths[k] - 6, align: k ? "right" : "left", lineBreak: false });
        x += widths[k];
      });
      y += h;
    }
    doc.text("二、部门预算安排的主要情况说明：2024年收入预算15,503.50万元，比上年增加542.33万元。", x0, y + 20, {
      width: 495,
    });
  });
}

/** Title and prose of an annual report, but none of its standard tables. */
export function proseOnlyReportPdf(): Promise<Buffer> {
  return pdfkit({ size: "A4" }, (doc) => {
    doc.font("cjk").fontSize(18).text("XX局2023年政府信息公开工作年度报告", { align: "center" });
    doc.moveDown().fontSize(11);
    for (const p of [
      "一、总体情况。2023年，XX局深入贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，不断提高政府信息公开工作质量。",
      "二、主动公开政府信息情况。本年度通过门户网站主动公开各类政府信息，及时发布政策文件及解读材料。",
      "三、收到和处理政府信息公开申请情况。本年度依申请公开工作依法依规办理，答复及时规范。",
      "四、存在的主要问题及改进情况。信息公开的深度和广度仍需加强，下一步将进一步完善工作机制。",
    ])
      doc.text(p, { paragraphGap: 8 });
  });
}

/** A long PDF: the report title on page 1, then one line of text per page. */
export function longPdf(pages: number): Promise<Buffer> {
  return pdfkit({ size: "A4", autoFirstPage: true }, (doc) => {
    doc.font("cjk").fontSize(18).text("某某县人民政府2023年政府信息公开工作年度报告汇编", { align: "center" });
    doc.fontSize(11);
    for (let n = 1; n <= pages; n++) {
      if (n > 1) doc.addPage();
      doc.text(`第${n}页（共${pages}页）：本汇编收录各部门年度报告的正文，此页仅有一行文字。`, 50, 100);
    }
  });
}

/** Assembles a PDF from object bodies (1-based numbers), with a correct xref table; object 1 is the catalog. */
export function handWrittenPdf(objects: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, k) => {
    offsets.push(offset);
    const chunk = Buffer.concat([
      Buffer.from(`${k + 1} 0 obj\n`),
      Buffer.isBuffer(body) ? body : Buffer.from(body, "latin1"),
      Buffer.from("\nendobj\n"),
    ]);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n`,
    "0000000000 65535 f \n",
    ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`),
  ].join("");
  parts.push(
    Buffer.from(
      `${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`,
      "latin1",
    ),
  );
  return Buffer.concat(parts);
}

/** A stream object: dictionary entries plus data (its /Length is added). */
function stream(dict: string, data: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, "latin1"),
    data,
    Buffer.from("\nendstream", "latin1"),
  ]);
}

/**
 * A decompression bomb: one page painting an image that declares width × height RGB pixels (30000² = 2.7 GB)
 * but holds only a few KB of deflated zeros. A reader that inflates or allocates what the image declares
 * runs out of memory.
 */
export function imageBombPdf(width = 30000, height = 30000): Buffer {
  const pixels = deflateSync(Buffer.alloc(4 * 1024 * 1024), { level: 9 });
  const content = Buffer.from(
    "q 500 0 0 700 50 70 cm /Im1 Do Q\nBT /F1 12 Tf 50 800 Td (Scanned annual report) Tj ET\n",
    "latin1",
  );
  return handWrittenPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> /Font << /F1 6 0 R >> >> >>",
    stream("", content),
    stream(
      `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /BitsPerComponent 8 /ColorSpace /DeviceRGB /Filter /FlateDecode`,
      pixels,
    ),
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ]);
}

/** The first `fraction` of the bytes: an interrupted download. */
export function truncated(pdf: Buffer, fraction: number): Buffer {
  return pdf.subarray(0, Math.floor(pdf.length * fraction));
}

/**
 * The cross-reference table made useless: every in-use entry points 7 bytes off and startxref points into
 * the middle of the body, so pdf.js has to rebuild the table by scanning for `N 0 obj`.
 */
export function damagedXref(pdf: Buffer): Buffer {
  const text = pdf.toString("latin1");
  const at = text.lastIndexOf("\nxref");
  if (at < 0) throw new Error("no xref table to damage");
  const tail = text
    .slice(at)
    .replace(
      /^(\d{10}) (\d{5}) n/gm,
      (_, off: string, gen: string) => `${String(Number(off) + 7).padStart(10, "0")} ${gen} n`,
    )
    .replace(/startxref\s+\d+/, `startxref\n${Math.floor(at / 2)}`);
  return Buffer.from(text.slice(0, at) + tail, "latin1");
}

/** An HTML page saved under a .pdf name (a login page or a 404 instead of the report). */
export function htmlPage(): Buffer {
  return Buffer.from(
    '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>404 页面不存在</title></head>\n<body><h1>您访问的页面不存在</h1><p>请返回首页。</p></body></html>\n',
    "utf8",
  );
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A store-only ZIP archive (no compression), enough for any ZIP reader. */
export function storedZip(entries: [name: string, content: string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBuf = Buffer.from(name, "utf8");
    const data = Buffer.from(content, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A minimal Word document (what an agency uploads when it meant to upload the PDF). */
export function docx(): Buffer {
  return storedZip([
    [
      "[Content_Types].xml",
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ],
    [
      "_rels/.rels",
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ],
    [
      "word/document.xml",
      '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>XX局2023年政府信息公开工作年度报告</w:t></w:r></w:p></w:body></w:document>',
    ],
  ]);
}

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type { Truth } from "../sampleFiles.js";
