import type { OpenOptions } from "../pdf/document.js";

/** auto: OCR only pages (or pictures) without usable text, when the text layer did not give the report. */
export type OcrMode = "auto" | "off" | "force";

export interface ExtractOptions extends OpenOptions {
  ocr?: OcrMode;
  /** Where the file is on disk: pictures saved beside a web page, and LibreOffice's input for .doc. */
  path?: string;
}
