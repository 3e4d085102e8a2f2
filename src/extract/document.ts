/**
 * One entry for every input: the format is told by the bytes (agencies publish web pages under .pdf links and
 * Word files as .doc that are HTML), then the PDF, web page or Word reader builds the same report.
 */
import { createHash } from "node:crypto";
import { readDocx } from "../markup/docx.js";
import { convertToDocx, sniffFormat } from "../markup/convert.js";
import { readHtml } from "../markup/html.js";
import { PdfInputError } from "../pdf/document.js";
import type { InputFormat, ReportJson } from "../report/types.js";
import { validateReport } from "../validate/index.js";
import { markupReport } from "./markup.js";
import type { ExtractOptions } from "./options.js";
import { pdfReport } from "./pdf.js";

/** A file that is none of the formats read, or a Word file that cannot be read: a reason a person understands. */
export class InputError extends Error {}

/** The checked report of a file (PDF, web page or Word file); NoReportError when it holds none. */
export async function extractDocument(
  data: Uint8Array,
  file: string,
  options: ExtractOptions = {},
): Promise<ReportJson> {
  return validateReport(await readReport(data, file, options));
}

async function readReport(data: Uint8Array, file: string, options: ExtractOptions): Promise<ReportJson> {
  const format = sniffFormat(data, file);
  // Anything not recognised goes to the PDF reader, whose messages say what the bytes are (empty, not a PDF).
  if (format === "pdf" || format === null) return pdfReport(data, file, options);
  const source = {
    file,
    sha256: createHash("sha256").update(data).digest("hex"),
    format,
    pages: null,
    bytes: data.length,
  };
  return markupReport(await readMarkup(data, format, options.path), source, options.ocr);
}

async function readMarkup(data: Uint8Array, format: Exclude<InputFormat, "pdf">, path: string | undefined) {
  try {
    if (format === "html") return readHtml(data, path ?? "");
    if (format === "docx") return readDocx(data);
    if (!path) throw new Error("a .doc file must be read from disk");
    return readDocx(await convertToDocx(path));
  } catch (err) {
    if (err instanceof PdfInputError) throw err;
    throw new InputError(`${format === "html" ? "web page" : "Word file"}: ${(err as Error).message}`);
  }
}
