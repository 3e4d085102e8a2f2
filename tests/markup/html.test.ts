import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readHtml } from "../../src/markup/html.js";
import { detectEncoding } from "../../src/markup/text.js";
import type { Block, MarkupDocument, SourceTable } from "../../src/markup/types.js";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/markup/${name}`, import.meta.url));
const read = (name: string) => readHtml(readFileSync(fixture(name)), fixture(name));
const page = (html: string, path = "/nonexistent/page.html") => readHtml(new TextEncoder().encode(html), path);

const texts = (doc: MarkupDocument) =>
  doc.blocks.filter((b): b is Extract<Block, { text: string }> => "text" in b).map((b) => b.text);
const tables = (doc: MarkupDocument): SourceTable[] => doc.blocks.flatMap((b) => (b.kind === "table" ? [b.table] : []));
const cellTexts = (t: SourceTable) => t.rows.map((r) => r.map((c) => c.text));

describe("readHtml: article among site furniture", () => {
  const doc = read("article.html");

  it("reads the page's metadata and mines the byline for what the meta tags leave empty", () => {
    expect(doc.format).toBe("html");
    expect(doc.meta).toEqual({
      htmlTitle: "示范县民政局2023年政府信息公开工作年度报告_年度报告_示范县人民政府",
      siteName: "示范县人民政府",
      articleTitle: "示范县民政局2023年政府信息公开工作年度报告",
      pubDate: "2024-01-25 09:30",
      contentSource: "示范县民政局",
    });
  });

  it("starts with the report's title, taken from the title bar above the article body", () => {
    expect(doc.blocks[0]).toEqual({ kind: "heading", level: 1, text: "示范县民政局2023年政府信息公开工作年度报告" });
  });

  it("leaves out navigation, side lists, calendar, byline, tool bar, related links, footer, scripts and hidden text", () => {
    const all = JSON.stringify(doc.blocks);
    for (const furniture of [
      "首页",
      "机构概况",
      "往年报告",
      "2022年政府信息",
      "打印本页",
      "发布时间",
      "浏览次数",
      "相关链接",
      "办理流程",
      "主办单位",
      "ICP",
      "var nav",
      "隐藏",
    ])
      expect(all).not.toContain(furniture);
    expect(tables(doc)).toHaveLength(2); // the report's table and the one nested in it; not the calendar
  });

  it("keeps paragraphs in order with &nbsp; as a space, <br> as a new paragraph and the inline font size", () => {
    const t = texts(doc);
    expect(t.slice(1, 6)).toEqual([
      "本报告依据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
      "一、总体情况",
      "2023年，我局认真贯彻落实政府信息公开工作要求，全年主动公开政府信息 156 条。",
      "依申请公开工作依法有序开展。",
      "二、主动公开政府信息情况",
    ]);
    expect(doc.blocks[1]).toMatchObject({ kind: "paragraph", size: 16 });
    // A sentence with a link in it is prose, not navigation.
    expect(t).toContain("www.example.gov.cn 为本报告电子版的发布网站，欢迎查阅下载。");
    expect(t.slice(-2)).toEqual(["示范县民政局", "2024年1月20日"]);
  });

  it("reads cells with their spans as written, <br> joined by the CJK rule, full-width digits kept", () => {
    const [main] = tables(doc);
    expect(main.index).toBe(0);
    // prettier-ignore
    expect(main.rows.map((r) => r.map((c) => [c.rowSpan, c.colSpan]))).toEqual([
      [[2, 2], [1, 3]],
      [[1, 1], [1, 1], [1, 1]],
      [[1, 2], [1, 1], [1, 1], [1, 1]],
      [[2, 1], [1, 1], [1, 1], [1, 1], [1, 1]],
      [[1, 1], [1, 1], [1, 1], [1, 1]],
      [[1, 2], [1, 3]],
    ]);
    expect(cellTexts(main)).toEqual([
      ["（本列数据的勾稽关系）", "申请人情况"],
      ["自然人", "商业企业", "总计"],
      ["一、本年新收政府信息公开申请数量", "１２", "3", "15"],
      ["三、本年度办理结果", "（一）予以公开", "8", "1", "9"],
      ["（二）部分公开 Part B", "4", "2", "6"],
      ["备注", "见下表"],
    ]);
  });

  it("gives a table nested in a cell as its own table right after the outer one", () => {
    const i = doc.blocks.findIndex((b) => b.kind === "table");
    const nested = doc.blocks[i + 1];
    expect(nested.kind).toBe("table");
    if (nested.kind === "table")
      expect(nested.table).toEqual({
        index: 1,
        rows: [
          [
            { text: "附注", rowSpan: 1, colSpan: 1 },
            { text: "7", rowSpan: 1, colSpan: 1 },
          ],
        ],
      });
  });
});

describe("readHtml: GBK pages", () => {
  const withMeta = read("gbk-meta.html");
  const withoutMeta = read("gbk-nometa.html");

  it("decodes GBK with and without a declared charset", () => {
    expect(detectEncoding(readFileSync(fixture("gbk-meta.html"))).encoding).toBe("gb18030");
    expect(detectEncoding(readFileSync(fixture("gbk-nometa.html"))).encoding).toBe("gb18030");
    expect(withMeta.meta.htmlTitle).toBe("青石镇人民政府2020年政府信息公开工作年度报告");
    expect(withoutMeta.blocks).toEqual(withMeta.blocks);
  });

  it("finds the article in a layout table and takes a centred bold <font size=5> line for the title", () => {
    expect(withMeta.blocks[0]).toEqual({
      kind: "heading",
      level: 1,
      text: "青石镇人民政府2020年政府信息公开工作年度报告",
    });
    // Ideographic-space indentation trimmed; navigation cells and the footer table left out.
    expect(texts(withMeta).slice(1, 3)).toEqual([
      "本报告根据《中华人民共和国政府信息公开条例》要求编制，内容包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等。",
      "一、总体情况",
    ]);
    expect(JSON.stringify(withMeta.blocks)).not.toMatch(/网站首页|通知公告|版权所有/);
    const [t] = tables(withMeta);
    expect(tables(withMeta)).toHaveLength(1);
    expect(cellTexts(t)).toEqual([
      ["第二十条第（一）项"],
      ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
      ["规章", "0", "0", "0"],
      ["行政规范性文件", "3", "1", "27"],
    ]);
    expect(t.rows[0][0].colSpan).toBe(4);
  });

  it("trusts valid UTF-8 over a GBK declaration, and a BOM over everything", () => {
    const html = '<html><head><meta charset="gb2312"></head><body><p>政府信息公开</p></body></html>';
    expect(texts(page(html))).toEqual(["政府信息公开"]);
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('<meta charset="gbk"><p>年度报告</p>')]);
    expect(texts(readHtml(bom, "/x.html"))).toEqual(["年度报告"]);
  });
});

describe("readHtml: pictures", () => {
  it("resolves a saved picture in the page's X_files folder (%xx decoded, ?query stripped)", () => {
    const doc = read("picture.html");
    const images = doc.blocks.filter((b) => b.kind === "image");
    expect(images).toEqual([
      {
        kind: "image",
        src: "picture_files/table%201.png?v=2",
        path: fixture("picture_files/table 1.png"),
        alt: "申请情况表",
      },
      { kind: "image", src: "http://www.example.gov.cn/upload/review.png", path: null, alt: "复议诉讼表" },
    ]);
    // In reading order, between the section headings.
    expect(doc.blocks.map((b) => b.kind)).toEqual([
      "heading",
      "paragraph",
      "paragraph",
      "image",
      "paragraph",
      "image",
      "paragraph",
    ]);
    expect(doc.blocks[0]).toEqual({ kind: "heading", level: 2, text: "白沙街道办事处2021年政府信息公开工作年度报告" });
  });

  it("gives no path for a picture that was not saved beside the page", () => {
    const doc = read("picture-unsaved.html");
    const image = doc.blocks.find((b) => b.kind === "image");
    expect(image).toEqual({ kind: "image", src: "picture-unsaved_files/table.png", path: null, alt: "申请情况表" });
  });
});

describe("readHtml: headings", () => {
  it("joins a title typed as two centred large paragraphs into one level-1 heading", () => {
    const doc = page(`<body><div>
      <p style="text-align:center"><span style="font-size:22pt">平潭综合实验区2019年</span></p>
      <p style="text-align:center"><span style="font-size:22pt">政府信息公开工作年度报告</span></p>
      <p style="text-align:center"><b><span style="font-size:16pt">（一）主动公开</span></b></p>
      <p style="font-size:16pt">根据《中华人民共和国政府信息公开条例》要求，现公布本年度政府信息公开工作年度报告，统计期限为全年。</p>
      <p style="font-size:16pt">本年度主动公开政府信息一千余条，依申请公开工作依法有序开展，答复均在法定期限以内。</p>
    </div></body>`);
    expect(doc.blocks.slice(0, 2)).toEqual([
      { kind: "heading", level: 1, text: "平潭综合实验区2019年政府信息公开工作年度报告" },
      { kind: "heading", level: 2, text: "（一）主动公开" },
    ]);
  });

  it("joins a heading wrapped with <br> and keeps h1–h6 levels", () => {
    const doc = page(`<body><article><h3>示范县民政局<br>2023年政府信息公开工作年度报告</h3>
      <p>全年主动公开政府信息一百五十六条，依申请公开办理答复全部在法定期限以内完成，没有发生行政复议。</p></article></body>`);
    expect(doc.blocks[0]).toEqual({ kind: "heading", level: 3, text: "示范县民政局 2023年政府信息公开工作年度报告" });
  });
});

describe("readHtml: finding the article by content", () => {
  const links = (n: number, prefix: string) =>
    Array.from(
      { length: n },
      (_, i) => `<li><a href="/${prefix}/${i}">关于做好${prefix}第${i}项重点工作的通知文件</a></li>`,
    ).join("");
  const report = `<table border="1"><tr><td>信息内容</td><td>本年制发件数</td><td>现行有效件数</td></tr><tr><td>规章</td><td>0</td><td>2</td></tr><tr><td>行政规范性文件</td><td>5</td><td>31</td></tr></table>`;
  const prose =
    "<p>本年度，本机关坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开，政府信息公开工作取得新成效。</p><p>全年主动公开政府信息三百余条，依申请公开答复均在法定期限内完成，未发生因政府信息公开引起的复议诉讼。</p>";

  it("unwraps an ASP.NET page form and leaves a statistics widget of the side bar out", () => {
    const doc =
      page(`<body><form id="form1" method="post" action="./x.aspx"><input type="hidden" name="__VIEWSTATE" value="abc">
      <div class="head"><a href="/">首页</a> <a href="/gk">政务公开</a> <a href="/fw">政务服务</a></div>
      <div class="left"><table><tr><td>主动公开</td><td>1234</td></tr><tr><td>依申请公开</td><td>56</td></tr></table><ul>${links(6, "左栏")}</ul></div>
      <div class="right"><div class="con"><p>示范区财政局2022年政府信息公开工作年度报告</p>${prose}${report}</div></div>
      </form></body>`);
    expect(doc.blocks[0]).toEqual({ kind: "heading", level: 1, text: "示范区财政局2022年政府信息公开工作年度报告" });
    const t = doc.blocks.filter((b) => b.kind === "table");
    expect(t).toHaveLength(1);
    expect(JSON.stringify(doc.blocks)).not.toMatch(/1234|左栏|首页/);
  });

  it("takes a source line break between CJK characters as no space, in paragraphs and cells", () => {
    const doc = page(`<body><div>${prose}<p>二、主动公开
        政府信息情况</p><table border="1"><caption>表一 主动公开
        情况</caption><tr><td>行政规范性
        文件</td><td>5</td><td>31</td></tr><tr><td>规章</td><td>0</td><td>1</td></tr></table></div></body>`);
    expect(doc.blocks.some((b) => b.kind === "paragraph" && b.text === "二、主动公开政府信息情况")).toBe(true);
    const at = doc.blocks.findIndex((b) => b.kind === "table");
    const t = doc.blocks[at];
    expect(t.kind === "table" && t.table.rows[0][0].text).toBe("行政规范性文件");
    // The table's caption reads as the paragraph above it.
    expect(doc.blocks[at - 1]).toEqual({ kind: "paragraph", text: "表一 主动公开情况" });
  });
});

describe("readHtml: hidden text", () => {
  it("reads an article the page hides until a script shows it, when nothing visible holds a report", () => {
    const doc = page(`<body><div class="tabs"><a href="#">全真版</a> <a href="#">文字版</a></div>
      <div id="text" style="display: none"><h1>示范县2022年政府信息公开工作年度报告</h1>
      <table border="1"><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>0</td></tr><tr><td>行政规范性文件</td><td>4</td></tr></table></div>
      <div style="display:none">统计代码</div></body>`);
    expect(doc.blocks[0]).toEqual({ kind: "heading", level: 1, text: "示范县2022年政府信息公开工作年度报告" });
    expect(doc.blocks.filter((b) => b.kind === "table")).toHaveLength(1);
  });
});
