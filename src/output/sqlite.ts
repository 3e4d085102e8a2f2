import { rmSync } from "node:fs";
import { atomicFile } from "./files.js";
import { readReport } from "./reports.js";
import { SUMMARY_COLUMNS, summaryRow } from "./summary.js";

/** The reports table: its own columns, then those of reports.csv (division, headline figures; see the codebook). */
const REPORT_COLUMNS = ["sha256", "title", "pages", ...SUMMARY_COLUMNS.map((c) => c.name)];
const columnType = (name: string) =>
  ["year", "warnings", "pages"].includes(name)
    ? "INTEGER"
    : SUMMARY_COLUMNS.find((c) => c.name === name)?.unit
      ? "REAL"
      : "TEXT";

const SCHEMA = `
CREATE TABLE reports (id INTEGER PRIMARY KEY, ${REPORT_COLUMNS.map((c) => `${c} ${columnType(c)}${c === "sha256" ? " UNIQUE" : ""}`).join(", ")});
CREATE TABLE sections (report_id INTEGER REFERENCES reports(id), number TEXT, heading TEXT, text TEXT, pages TEXT);
CREATE TABLE cells (report_id INTEGER REFERENCES reports(id), table_id TEXT, row_id TEXT, column_id TEXT, row_label TEXT, column_label TEXT,
  value REAL, raw TEXT, blank INTEGER, page INTEGER, x0 REAL, y0 REAL, x1 REAL, y1 REAL, strategy TEXT);
CREATE TABLE warnings (report_id INTEGER REFERENCES reports(id), rule TEXT, kind TEXT, severity TEXT, message TEXT, cells TEXT, pages TEXT);
CREATE TABLE files (file TEXT, format TEXT, status TEXT, reason TEXT, pages INTEGER, seconds REAL, output TEXT, sha256 TEXT);
`;
/** Built once the rows are in: faster than keeping them up to date row by row. */
const INDEXES = `
CREATE INDEX cells_by_report ON cells(report_id);
CREATE INDEX cells_by_id ON cells(table_id, row_id, column_id);
CREATE INDEX warnings_by_report ON warnings(report_id);
CREATE INDEX warnings_by_rule ON warnings(rule);
CREATE INDEX reports_by_agency ON reports(agency, year);
CREATE INDEX reports_by_division ON reports(division_code, year);
CREATE INDEX sections_by_report ON sections(report_id);
CREATE VIEW cells_wide AS SELECT r.agency, r.year, r.template, c.* FROM cells c JOIN reports r ON r.id = c.report_id;
`;

export interface FileRow {
  file: string;
  format: string | null;
  status: string;
  reason: string;
  pages: number | null;
  seconds: number;
  output: string | null;
  sha256: string | null;
}

/**
 * Writes `xxgk.sqlite` beside the CSVs (reports, cells, warnings, files; indexed), for Datasette, Metabase,
 * Superset or pandas. SQLite (compiled to WebAssembly: no native build) writes straight to a temporary file,
 * renamed when complete: memory stays small however large the batch, and an interrupted run leaves no half
 * database. Reports are read from their JSON files one at a time.
 */
export async function writeSqlite(path: string, reportFiles: string[], files: FileRow[]): Promise<void> {
  // Loaded on use: its WebAssembly would otherwise sit in the batch's main thread while the workers run.
  const { Database } = (await import("node-sqlite3-wasm")).default;
  const file = atomicFile(path);
  const tmp = file.tmp;
  rmSync(tmp, { force: true });
  const db = new Database(tmp);
  try {
    // A fresh file that is renamed only when complete needs no rollback journal.
    db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
    db.exec(SCHEMA);
    db.exec("BEGIN");
    const addReport = db.prepare(
      `INSERT INTO reports (${REPORT_COLUMNS.join(", ")}) VALUES (${REPORT_COLUMNS.map(() => "?").join(",")})`,
    );
    const addSection = db.prepare("INSERT INTO sections VALUES (?,?,?,?,?)");
    const addCell = db.prepare("INSERT INTO cells VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    const addWarning = db.prepare("INSERT INTO warnings VALUES (?,?,?,?,?,?,?)");
    const addFile = db.prepare("INSERT INTO files VALUES (?,?,?,?,?,?,?,?)");
    try {
      for (const f of reportFiles) {
        const r = readReport(f);
        const summary = summaryRow(r);
        const id = Number(
          addReport.run([
            r.source.sha256,
            r.report.title,
            r.source.pages,
            ...SUMMARY_COLUMNS.map((c) => summary[c.name]),
          ]).lastInsertRowid,
        );
        for (const sec of r.sections ?? [])
          addSection.run([id, sec.number, sec.heading, sec.text, sec.pages.join(" ")]);
        for (const c of r.cells)
          addCell.run([
            id,
            c.table,
            c.row,
            c.column,
            c.row_label,
            c.column_label,
            c.value,
            c.raw,
            c.blank ? 1 : 0,
            c.page,
            ...(c.bbox ?? [null, null, null, null]),
            c.strategy,
          ]);
        for (const w of r.warnings)
          addWarning.run([id, w.rule, w.kind, w.severity, w.message, w.cells.join(" "), w.pages.join(" ")]);
      }
      for (const f of files)
        addFile.run([f.file, f.format, f.status, f.reason, f.pages, f.seconds, f.output, f.sha256]);
    } finally {
      for (const s of [addReport, addSection, addCell, addWarning, addFile]) s.finalize();
    }
    db.exec(INDEXES);
    db.exec("COMMIT");
  } finally {
    db.close();
  }
  file.commit();
}
