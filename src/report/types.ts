/**
 * The report a file gives: its schema (what the JSON holds), the cell key every stage names cells by, and
 * the input forms. Extraction builds it, validation reads and adds to it, the outputs write it.
 */
import type { TableStrategy } from "../layout/table.js";
import type { TableId, TemplateVersion } from "../template/templates.js";
import type { Warning } from "./warning.js";

export type StatementKind = "applications_received" | "no_applications" | "processing_fee" | "no_processing_fee";

export interface Statement {
  kind: StatementKind;
  /** The figure stated (件 for applications, 元 for fees); 0 for the "none" statements. */
  value: number;
  /** The sentence fragment the figure was read from. */
  text: string;
  /** null for a web page or Word file. */
  page: number | null;
}

export type DivisionLevel = "province" | "city" | "county" | "township";
export type AgencyKind = "government" | "general_office" | "department" | "township" | "development_zone" | "other";

export interface AgencyPlace {
  /** The name with spaces, full-width forms, radical code points and 政府 abbreviations normalised. */
  agency_normalized: string | null;
  division_code: string | null;
  division_name: string | null;
  division_level: DivisionLevel | null;
  province: string | null;
  agency_kind: AgencyKind | null;
  /** Why the division is empty (or what the code stands for, for a township). */
  division_note: string | null;
}

/** One of the report's six sections (一 … 六) as text: its heading as printed, its text, its pages. */
export interface Section {
  number: string;
  heading: string;
  text: string;
  pages: number[];
}

/** The forms of input read: PDF, a saved web page, a Word file (.docx, or .doc/.wps converted). */
export type InputFormat = "pdf" | "html" | "docx" | "doc";

export interface ReportCell {
  table: TableId;
  row: string;
  column: string;
  row_label: string;
  column_label: string;
  value: number;
  raw: string;
  blank: boolean;
  /** Page and box of the cell (PDF); null for a web page or Word file, whose cells have a locator instead. */
  page: number | null;
  bbox: [number, number, number, number] | null;
  /** Where a web page's or Word file's cell is: its table (counted from 0), row and column on the expanded grid. */
  locator?: { table: number; row: number; column: number };
  /**
   * A cell OCR'd from a picture in a web page or Word file: the picture (its bbox is in points of the picture at 150
   * dpi).
   */
  picture?: string;
  /** Which table finder read the cell and how sure the label match was. */
  strategy: TableStrategy;
  label_score: number;
  /** OCR confidence (0–100) of the value, for cells read from an image. */
  confidence?: number;
}

/** A found table: where, how it was read, its size, and the standard cells it gave (none: not a template table). */
export interface TableReport {
  page: number | null;
  strategy: TableStrategy;
  rows: number;
  columns: number;
  bbox: [number, number, number, number] | null;
  /** A web page's or Word file's own table: which one, counted from 0. */
  source?: number;
  /** A table OCR'd from a picture of a web page or Word file: the picture. */
  picture?: string;
  /** The template table its cells were placed on, the template rows matched, cells placed, cells unreadable. */
  matched: { table: TableId; rows: number; cells: number; unread: number } | null;
}

export interface ReportJson {
  extractor: { name: "xxgk"; version: string };
  /** pages: of a PDF; null for a web page or Word file. */
  source: { file: string; sha256: string; format: InputFormat; pages: number | null; bytes: number };
  report: {
    agency: string | null;
  } & AgencyPlace & {
      year: number | null;
      template: TemplateVersion | null;
      title: string | null;
      other_rows: "split" | "single";
    };
  /** Every table the reader found, and what of the template it gave (a parsing report per table). */
  tables: TableReport[];
  cells: ReportCell[];
  /** Figures the prose states (applications received, processing fees), for narrative.mismatch. */
  narrative: Statement[];
  /** The report's sections (一 … 六) found by their headings, as text (tables left out). */
  sections: Section[];
  warnings: Warning[];
}

/** OCR readings below this confidence are flagged for a person to check (and may be corrected by the relations). */
export const LOW_OCR_CONFIDENCE = 80;

/** A cell's id in every output and warning: table/row/column. */
export const cellKey = (c: { table: string; row: string; column: string }): string => `${c.table}/${c.row}/${c.column}`;
