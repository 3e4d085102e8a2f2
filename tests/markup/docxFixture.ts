/**
 * A small Word .docx made from hand-written WordprocessingML, zipped with fflate: a styled title, a centred bold
 * title wrapped with a line break, a table with gridSpan/vMerge and a nested table, a picture given both as DrawingML
 * and as its VML fallback, a text box, and revisions/hidden text that Word does not show.
 *
 * tests/fixtures/markup/sample.doc is this document saved once as Word 97 by LibreOffice
 * (`soffice --headless --convert-to doc sample.docx`), for the .doc conversion test.
 */
import { strToU8, zipSync } from "fflate";

const W =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"';

/** A 1×1 PNG. */
export const PIXEL_PNG = Uint8Array.from(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==", "base64"),
);

const run = (text: string, props = "") =>
  `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ""}<w:t xml:space="preserve">${text}</w:t></w:r>`;
const para = (body: string, pPr = "") => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ""}${body}</w:p>`;
const cell = (body: string, tcPr = "") => `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ""}${body || para("")}</w:tc>`;
const textCell = (text: string, tcPr = "") => cell(para(run(text)), tcPr);
const row = (...cells: string[]) => `<w:tr>${cells.join("")}</w:tr>`;

const nested = `<w:tbl><w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/></w:tblGrid>${row(textCell("附注"), textCell("7"))}</w:tbl>`;

const table = `<w:tbl><w:tblGrid>${'<w:gridCol w:w="1200"/>'.repeat(5)}</w:tblGrid>
${row(textCell("（本列数据的勾稽关系）", '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>'), textCell("申请人情况", '<w:gridSpan w:val="3"/>'))}
${row(cell("", '<w:gridSpan w:val="2"/><w:vMerge/>'), textCell("自然人"), cell(para(run("商业")) + para(run("企业"))), textCell("总计"))}
${row(textCell("一、本年新收政府信息公开申请数量", '<w:gridSpan w:val="2"/>'), textCell("１２"), textCell("3"), textCell("15"))}
${row(cell(para(`<w:r><w:t>三、本年度</w:t><w:br/><w:t>办理结果</w:t></w:r>`), '<w:vMerge w:val="restart"/>'), textCell("（一）予以公开"), textCell("8"), textCell("1"), textCell("9"))}
${row(cell("", '<w:vMerge w:val="continue"/>'), textCell("（二）部分公开"), textCell("4"), textCell("2"), textCell("6"))}
${row(textCell("备注", '<w:gridSpan w:val="2"/>'), cell(para(run("见下表")) + nested + para(""), '<w:gridSpan w:val="3"/>'))}
</w:tbl>`;

const picture = `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline><wp:extent cx="100" cy="100"/><wp:docPr id="1" name="Picture 1" descr="复议诉讼表"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill><a:blip r:embed="rIdImg"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:imagedata r:id="rIdImg"/></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`;

const textBox = `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="2" name="Text Box 2"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>${para(run("文本框里的说明"))}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>${para(run("文本框里的说明"))}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`;

export const DOCUMENT_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W}><w:body>
${para(run("示范县民政局2023年政府信息公开工作年度报告"), '<w:pStyle w:val="1"/>')}
${para(`${run("青石镇人民政府", '<w:b/><w:sz w:val="44"/>')}<w:r><w:rPr><w:b/><w:sz w:val="44"/></w:rPr><w:br/><w:t>2023年政府信息公开工作年度报告</w:t></w:r>`, '<w:jc w:val="center"/>')}
${para(run("一、总体情况"), '<w:pStyle w:val="2"/>')}
${para(`${run("全年主动公开政府信息", '<w:sz w:val="32"/>')}<w:r><w:rPr><w:sz w:val="32"/></w:rPr><w:tab/><w:t>156条</w:t></w:r>${run("隐藏文字", '<w:vanish/><w:sz w:val="32"/>')}<w:del w:id="1" w:author="x"><w:r><w:delText>删除的文字</w:delText></w:r></w:del><w:ins w:id="2" w:author="x">${run("。", '<w:sz w:val="32"/>')}</w:ins>`)}
${para(`${run("第一行", '<w:sz w:val="32"/>')}<w:r><w:rPr><w:sz w:val="32"/></w:rPr><w:br/><w:t>第二行</w:t></w:r>`)}
${para(run("三、收到和处理政府信息公开申请情况", '<w:sz w:val="32"/>'))}
${table}
${para(picture + run("图：复议诉讼情况", '<w:sz w:val="32"/>'))}
${para(textBox)}
<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>
</w:body></w:document>`;

const STYLES_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ${W}>
<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="21"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:rPr><w:b/><w:sz w:val="44"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
</w:styles>`;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;

const DOCUMENT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>`;

const CORE_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>示范县民政局2023年报</dc:title><dc:creator>办公室</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2024-01-20T08:00:00Z</dcterms:created></cp:coreProperties>`;

/** The fixture's parts; pass `omit` to leave parts out (a zip without word/document.xml). */
export function makeDocx(omit: string[] = []): Uint8Array {
  const parts: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(CONTENT_TYPES),
    "_rels/.rels": strToU8(ROOT_RELS),
    "word/document.xml": strToU8(DOCUMENT_XML),
    "word/styles.xml": strToU8(STYLES_XML),
    "word/_rels/document.xml.rels": strToU8(DOCUMENT_RELS),
    "word/media/image1.png": PIXEL_PNG,
    "docProps/core.xml": strToU8(CORE_XML),
  };
  for (const name of omit) delete parts[name];
  return zipSync(parts);
}
