/**
 * The codebook written with every output folder (codebook.md for people, codebook.csv for programs): each
 * file, each column, what it means, its unit and the templates it applies to, and how the 2019 and 2021
 * templates are put on one series. reports.csv's columns come from their own definitions (summary.ts).
 */
import { join } from "node:path";
import { RULES } from "../report/warning.js";
import { writeCsv } from "./csv.js";
import { writeAtomic } from "./files.js";
import { SUMMARY_COLUMNS, type SummaryColumn } from "./summary.js";

interface FileDoc {
  file: string;
  what: string;
  columns: Pick<SummaryColumn, "name" | "meaning" | "unit" | "templates">[];
}

const col = (name: string, meaning: string, unit?: string): FileDoc["columns"][number] => ({
  name,
  meaning,
  unit,
  templates: "both",
});
const REPORT_ID = [
  col("file", "the input file"),
  col("agency", "the agency as the title names it"),
  col("year", "the report year"),
];

const FILES: FileDoc[] = [
  {
    file: "reports.csv",
    what: "one row per report: where the agency is, the headline figures on one series across templates",
    columns: SUMMARY_COLUMNS,
  },
  {
    file: "cells.csv",
    what: "one row per standard cell of every report (long format)",
    columns: [
      ...REPORT_ID,
      col("template", "2019 or 2021"),
      col("table", "active_disclosure, applications or review_litigation"),
      col("row", "the template row id (see src/template/templates.ts)"),
      col("column", "the template column id"),
      col("row_label", "the template's row label"),
      col("column_label", "the template's column label"),
      col("value", "the figure (blank, —, / and 无 read as 0)", "件; 万元 for amount_10k_yuan"),
      col("raw", "the text as printed (OCR: as read)"),
      col("blank", "true when the cell was printed blank or with a mark"),
      col("page", "PDF page, empty for a web page or Word file (see the JSON's locator)"),
      col("bbox", "x0 y0 x1 y1 on the page (points, origin top left)", "pt"),
      col("strategy", "lattice (ruled), stream (borderless), grid (a web page's or Word file's own table)"),
    ],
  },
  {
    file: "active_disclosure.csv, applications.csv, review_litigation.csv",
    what: "one row per report and table row, the table's columns as columns (wide format); a column a template lacks is empty",
    columns: [
      ...REPORT_ID,
      col("template", "2019 or 2021"),
      col("row", "the template row id"),
      col("row_label", "the template's row label"),
    ],
  },
  {
    file: "warnings.csv",
    what: "every warning of every report",
    columns: [
      ...REPORT_ID,
      col("rule", `one of: ${Object.keys(RULES).join(", ")}`),
      col(
        "kind",
        "consistency (the report does not add up), extraction (a cell we are unsure of), input (how pages were read)",
      ),
      col("severity", "error, warning or info"),
      col("message", "what and where, with both sides of a broken relation"),
      col("cells", "the cells concerned (table/row/column)"),
      col("pages", "the pages concerned"),
    ],
  },
  {
    file: "sections.csv",
    what: "the report's sections (一 总体情况 … 五 存在的主要问题及改进情况, 六 其他需要报告的事项) as text",
    columns: [
      col("file", "the input file"),
      col("number", "一 … 六"),
      col("heading", "the heading as printed"),
      col("text", "the section's text, tables left out"),
      col("pages", "its pages"),
    ],
  },
  {
    file: "files.csv",
    what: "every input of the batch",
    columns: [
      col("file", "the input file"),
      col("format", "pdf, html, docx or doc, by content"),
      col("status", "ok, no-report or failed"),
      col("reason", "why not ok"),
      col("pages", "pages of a PDF"),
      col("seconds", "time taken", "s"),
      col("output", "the report JSON"),
      col("warnings", "warnings of the report"),
      col("sha256", "of the file's bytes"),
      col("cached", "true when an earlier run's output was reused"),
    ],
  },
];

const HARMONISATION = [
  "Applications: the templates share their rows except （六）其他处理, one row in 2019 and three in 2021; other_handling adds 2021's three. denied, unavailable and not_processed add the reasons of （三）, （四） and （五）.",
  "Reviews and suits: the same table in both templates; suits_* add 未经复议直接起诉 and 复议后起诉.",
  "Active disclosure: the templates ask different questions (2021: issued, repealed, in force; 2019: made, published, total public, and counts of items with their change), so these columns carry their template in their name and are empty for the other; the decisions of 行政许可, 行政处罚 and 行政强制 are asked by both.",
  "A figure is empty when a cell it adds up could not be read (see status and warnings.csv): it is never a partial sum.",
];

/** Writes codebook.md and codebook.csv into an output folder. */
export async function writeCodebook(outDir: string): Promise<void> {
  const md = [
    "# Codebook",
    "",
    "Every file of this folder, its columns, their meaning, unit and the templates they apply to. Cell ids (table/row/column) are those of the template data in src/template/templates.ts; each report's JSON holds every cell with where it was found.",
    "",
    "## Two templates, one series",
    "",
    ...HARMONISATION.map((h) => `- ${h}`),
    "",
    ...FILES.flatMap((f) => [
      `## ${f.file}`,
      "",
      f.what,
      "",
      "| column | meaning | unit | templates |",
      "|---|---|---|---|",
      ...f.columns.map((c) => `| ${c.name} | ${c.meaning.replace(/\|/g, "/")} | ${c.unit ?? ""} | ${c.templates} |`),
      "",
    ]),
  ].join("\n");
  writeAtomic(join(outDir, "codebook.md"), md);
  await writeCsv(
    join(outDir, "codebook.csv"),
    ["file", "column", "meaning", "unit", "templates"],
    FILES.flatMap((f) =>
      f.columns.map((c) => ({
        file: f.file,
        column: c.name,
        meaning: c.meaning,
        unit: c.unit ?? "",
        templates: c.templates,
      })),
    ),
  );
}
