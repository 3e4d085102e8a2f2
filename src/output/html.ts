import { existsSync } from "node:fs";
import { cellKey, type ReportJson } from "../report/types.js";
import { APPLICATION_COLUMNS, REVIEW_COLUMNS, REVIEW_ROWS } from "../template/templates.js";
import { writeAtomic } from "./files.js";
import type { BBox, CropRequest } from "./render.js";

/** Draws crops of one PDF's cells as data: URLs (see renderCrops): in this thread, or on a batch's worker threads. */
export type CropRenderer = (pdfPath: string, requests: CropRequest[]) => Promise<(string | null)[]>;

let drawnHere: Promise<unknown> = Promise.resolve();

/**
 * Crops drawn in this thread, one PDF at a time (documents drawn together on one thread's pdf.js end each other's
 * tasks when one is closed, and share one canvas); pdf.js is loaded only when there is one to draw.
 */
export const renderCropsHere: CropRenderer = (pdfPath, requests) => {
  const next = drawnHere.then(async () => (await import("./render.js")).renderCrops(pdfPath, requests));
  drawnHere = next.catch(() => {});
  return next;
};

export interface HtmlFileRow {
  file: string;
  status: string;
  reason: string;
  warnings: number;
}

/** Crops are the costly part: at most this many per batch, the most severe warnings first. */
const MAX_CROPS = 200;
const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#9c755f"];

const esc = (s: unknown) =>
  String(s ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

interface Series {
  label: string;
  values: number[];
}

/** Horizontal stacked bars, one per category; `share` scales each bar to 100 %. */
function stackedBars(id: string, title: string, categories: string[], series: Series[], share = false): string {
  const rowH = 18;
  const labelW = 220;
  const plotW = 520;
  const legendH = 22 * Math.ceil(series.length / 4);
  const height = categories.length * rowH + legendH + 30;
  const totals = categories.map((_, k) => series.reduce((s, x) => s + Math.max(0, x.values[k] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const bars = categories
    .map((cat, k) => {
      let x = labelW;
      const scale = share ? (totals[k] ? plotW / totals[k] : 0) : plotW / max;
      const rects = series
        .map((s, j) => {
          const w = Math.max(0, s.values[k] ?? 0) * scale;
          const r =
            w > 0
              ? `<rect x="${x.toFixed(1)}" y="${k * rowH + 2}" width="${w.toFixed(1)}" height="${rowH - 4}" fill="${PALETTE[j % PALETTE.length]}"><title>${esc(cat)} · ${esc(s.label)}: ${s.values[k]}</title></rect>`
              : "";
          x += w;
          return r;
        })
        .join("");
      return `<text x="${labelW - 6}" y="${k * rowH + rowH - 5}" text-anchor="end">${esc(cat)}</text>${rects}<text x="${(x + 4).toFixed(1)}" y="${k * rowH + rowH - 5}" class="n">${share ? "" : totals[k]}</text>`;
    })
    .join("");
  const legend = series
    .map((s, j) => {
      const lx = labelW + (j % 4) * 130;
      const ly = categories.length * rowH + 14 + Math.floor(j / 4) * 22;
      return `<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${PALETTE[j % PALETTE.length]}"/><text x="${lx + 16}" y="${ly}">${esc(s.label)}</text>`;
    })
    .join("");
  return `<figure class="chart" data-chart="${id}"><figcaption>${esc(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" width="${labelW + plotW + 60}" height="${height}" role="img" aria-label="${esc(title)}">${bars}${legend}</svg></figure>`;
}

interface Summary {
  label: string;
  agency: string;
  year: number | null;
  outcomes: number[];
  requesters: number[];
  review: number[][];
}

const OUTCOME_GROUPS: [string, (row: string) => boolean][] = [
  ["予以公开", (r) => r === "granted"],
  ["部分公开", (r) => r === "partially_granted"],
  ["不予公开", (r) => r.startsWith("denied_")],
  ["无法提供", (r) => r.startsWith("unavailable_")],
  ["不予处理", (r) => r.startsWith("rejected_")],
  ["其他处理", (r) => r === "other" || r.startsWith("other_")],
];

function summarize(r: ReportJson): Summary {
  const v = (t: string, row: string, col: string) =>
    r.cells.find((c) => c.table === t && c.row === row && c.column === col)?.value ?? 0;
  const apps = r.cells.filter((c) => c.table === "applications" && c.column === "total");
  return {
    label: `${r.report.agency ?? r.source.file} ${r.report.year ?? ""}`,
    agency: r.report.agency ?? "(unknown agency)",
    year: r.report.year,
    outcomes: OUTCOME_GROUPS.map(([, match]) => apps.filter((c) => match(c.row)).reduce((s, c) => s + c.value, 0)),
    requesters: APPLICATION_COLUMNS.filter((c) => c.id !== "total").map((c) => v("applications", "new_received", c.id)),
    review: REVIEW_ROWS.map((row) =>
      REVIEW_COLUMNS.filter((c) => c.id !== "total").map((c) => v("review_litigation", row.id, c.id)),
    ),
  };
}

/** One bar per report stays readable up to this many reports; larger batches get bars per year and per agency. */
const MAX_BARS = 40;

/**
 * The bars of the outcome and requester charts: the reports themselves, or sums by year and by the busiest agencies.
 */
function chartGroups(summaries: Summary[]): { label: string; outcomes: number[]; requesters: number[] }[] {
  const sorted = [...summaries].sort((a, b) => a.label.localeCompare(b.label, "zh"));
  if (sorted.length <= MAX_BARS) return sorted;
  const sum = (label: string, members: Summary[]) => ({
    label,
    outcomes: OUTCOME_GROUPS.map((_, j) => members.reduce((s, m) => s + m.outcomes[j], 0)),
    requesters: members[0].requesters.map((_, j) => members.reduce((s, m) => s + m.requesters[j], 0)),
  });
  const group = (key: (s: Summary) => string) => {
    const m = new Map<string, Summary[]>();
    for (const s of sorted) {
      const k = key(s);
      if (!m.has(k)) m.set(k, []);
      m.get(k)!.push(s);
    }
    return m;
  };
  const years = [...group((s) => String(s.year ?? "?"))]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([y, ms]) => sum(`${y}年 · ${ms.length} reports`, ms));
  const total = (ms: Summary[]) => ms.reduce((s, m) => s + m.outcomes.reduce((a, b) => a + b, 0), 0);
  const agencies = [...group((s) => s.agency)]
    .sort((a, b) => total(b[1]) - total(a[1]))
    .slice(0, Math.max(0, MAX_BARS - years.length))
    .map(([a, ms]) => sum(`${a} · ${ms.length} yr`, ms));
  return [...years, ...agencies];
}

interface Flag {
  file: string;
  rule: string;
  severity: string;
  message: string;
  page: number;
  boxes: BBox[];
  /** The page was read by OCR. */
  picture: boolean;
  pdfPath: string | null;
  /** A web page's or Word file's flagged cells, shown as their place and printed text instead of a crop. */
  sources: string[];
}

async function crops(flags: Flag[], render: CropRenderer): Promise<Map<Flag, string>> {
  const out = new Map<Flag, string>();
  const rank = { error: 0, warning: 1, info: 2 } as Record<string, number>;
  const chosen = flags
    .filter((f) => f.pdfPath && f.boxes.length)
    .sort((a, b) => rank[a.severity] - rank[b.severity])
    .slice(0, MAX_CROPS);
  const byPdf = new Map<string, Flag[]>();
  for (const f of chosen) byPdf.set(f.pdfPath!, [...(byPdf.get(f.pdfPath!) ?? []), f]);
  // All asked at once: a renderer on a pool of threads draws as many PDFs at a time as it has threads.
  await Promise.all(
    [...byPdf].map(async ([path, list]) => {
      if (!existsSync(path)) return;
      const images = await render(
        path,
        list.map((f) => ({ page: f.page, boxes: f.boxes, picture: f.picture })),
      );
      list.forEach((f, k) => images[k] && out.set(f, images[k]));
    }),
  );
  return out;
}

const STYLE = `body{font:14px/1.5 system-ui,"Noto Sans SC","Microsoft YaHei",sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}table{border-collapse:collapse;margin:8px 0}
td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f4f4f4}
.ok{color:#2a7d2a}.failed{color:#c00}.no-report{color:#b60}.chart svg{font-size:11px;background:#fafafa}.chart .n{fill:#555}
figure{margin:16px 0}figcaption{font-weight:600;margin-bottom:4px}.flag{border:1px solid #eee;margin:12px 0;padding:8px}
.flag img{max-width:100%;border:1px solid #ccc;display:block;margin-top:6px}.sev-error{color:#c00}.sev-warning{color:#b60}.sev-info{color:#557}`;

/**
 * `report.html`: one self-contained page (no scripts, no CDN) with the batch's status, warnings, charts and
 * cell crops. Reports are added one at a time (only their summary and warnings are kept), then it is written.
 */
export class HtmlReport {
  private readonly summaries: Summary[] = [];
  private readonly flags: Flag[] = [];
  private readonly byRule = new Map<string, number>();
  private readonly byAgency = new Map<string, number>();
  /** Reports and warnings by province and division level (at most 34 × 5 cells, whatever the batch). */
  private readonly byPlace = new Map<string, { reports: number; warnings: number }>();

  /** `pdfPath`: where the report's PDF can be opened again for crops, if it can. */
  add(r: ReportJson, pdfPath: string | null): void {
    this.summaries.push(summarize(r));
    const place = `${r.report.province ?? "(no division)"}\t${r.report.division_level ?? ""}`;
    const counts = this.byPlace.get(place) ?? { reports: 0, warnings: 0 };
    this.byPlace.set(place, { reports: counts.reports + 1, warnings: counts.warnings + r.warnings.length });
    const boxOf = new Map(r.cells.map((c) => [cellKey(c), c]));
    const ocrPages = new Set(r.warnings.filter((w) => w.rule === "page.ocr").flatMap((w) => w.pages));
    for (const w of r.warnings) {
      this.byRule.set(w.rule, (this.byRule.get(w.rule) ?? 0) + 1);
      const agency = r.report.agency ?? "(unknown agency)";
      this.byAgency.set(agency, (this.byAgency.get(agency) ?? 0) + 1);
      const cells = w.cells.map((k) => boxOf.get(k)).filter((c) => c !== undefined);
      const page = cells[0]?.page ?? w.pages[0] ?? 0;
      this.flags.push({
        file: r.source.file,
        rule: w.rule,
        severity: w.severity,
        message: w.message,
        page,
        boxes: cells.flatMap((c) => (c.page === page && c.bbox ? [c.bbox] : [])),
        picture: ocrPages.has(page),
        pdfPath: r.source.format === "pdf" ? pdfPath : null,
        sources: cells.flatMap((c) =>
          c.locator
            ? [
                `表${c.locator.table + 1} 第${c.locator.row + 1}行第${c.locator.column + 1}列 · ${c.row_label} / ${c.column_label}: “${c.raw}”`,
              ]
            : [],
        ),
      });
    }
  }

  /** `renderCrops` draws the crops of flagged cells (by default in this thread). */
  async write(path: string, files: HtmlFileRow[], renderCrops: CropRenderer = renderCropsHere): Promise<void> {
    writeAtomic(path, await this.render(files, renderCrops));
  }

  private async render(files: HtmlFileRow[], renderCrops: CropRenderer): Promise<string> {
    const { summaries, flags, byRule, byAgency } = this;
    const images = await crops(flags, renderCrops);
    const counts = ["ok", "no-report", "failed"]
      .map((s) => `${files.filter((f) => f.status === s).length} ${s}`)
      .join(" · ");
    const bars = chartGroups(summaries);
    const by =
      summaries.length <= MAX_BARS
        ? "by report"
        : `by year, then the ${bars.length - new Set(summaries.map((s) => s.year)).size} agencies with most applications`;
    const charts = summaries.length
      ? [
          stackedBars(
            "outcomes",
            `办理结果（表三总计列）${by}`,
            bars.map((s) => s.label),
            OUTCOME_GROUPS.map(([label], j) => ({ label, values: bars.map((s) => s.outcomes[j]) })),
          ),
          stackedBars(
            "requesters",
            `申请人构成（本年新收，share）${by}`,
            bars.map((s) => s.label),
            APPLICATION_COLUMNS.filter((c) => c.id !== "total").map((c, j) => ({
              label: c.label,
              values: bars.map((s) => s.requesters[j]),
            })),
            true,
          ),
          stackedBars(
            "review",
            "行政复议、行政诉讼结果（all reports）",
            REVIEW_ROWS.map((r) => r.label),
            REVIEW_COLUMNS.filter((c) => c.id !== "total").map((c, j) => ({
              label: c.label,
              values: REVIEW_ROWS.map((_, k) => summaries.reduce((s, x) => s + x.review[k][j], 0)),
            })),
          ),
        ]
      : [];
    if (byRule.size)
      charts.push(
        stackedBars(
          "warnings",
          "Warnings by rule",
          [...byRule.keys()],
          [{ label: "warnings", values: [...byRule.values()] }],
        ),
      );
    const fileRows = files
      .map(
        (f) =>
          `<tr><td>${esc(f.file)}</td><td class="${esc(f.status)}">${esc(f.status)}</td><td>${esc(f.reason)}</td><td>${f.warnings}</td></tr>`,
      )
      .join("");
    const agencyRows = [...byAgency]
      .sort((a, b) => b[1] - a[1])
      .map(([a, n]) => `<tr><td>${esc(a)}</td><td>${n}</td></tr>`)
      .join("");
    const placeRows = [...this.byPlace]
      .sort((a, b) => a[0].localeCompare(b[0], "zh"))
      .map(([k, c]) => {
        const [province, level] = k.split("\t");
        return `<tr><td>${esc(province)}</td><td>${esc(level)}</td><td>${c.reports}</td><td>${c.warnings}</td></tr>`;
      })
      .join("");
    const flagHtml = flags
      .filter((f) => f.severity !== "info")
      .map((f) => {
        const img = images.get(f);
        return `<div class="flag"><div><b class="sev-${esc(f.severity)}">${esc(f.severity)}</b> <code>${esc(f.rule)}</code> · ${esc(f.file)}${f.page ? ` · 第${f.page}页` : ""}</div><div>${esc(f.message)}</div>${img ? `<img class="crop" alt="cell on page ${f.page}" src="${img}">` : ""}${f.sources.map((x) => `<div class="source">${esc(x)}</div>`).join("")}</div>`;
      })
      .join("");
    return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>xxgk report</title><style>${STYLE}</style></head><body>
<h1>xxgk batch report</h1><p>${files.length} file(s): ${counts}. ${summaries.length} report(s) with tables.</p>
<h2>Charts</h2>${charts.join("") || "<p>No report with tables.</p>"}
<h2>Reports by province and level</h2><table><tr><th>province</th><th>level</th><th>reports</th><th>warnings</th></tr>${placeRows}</table>
<h2>Warnings by agency</h2><table><tr><th>agency</th><th>warnings</th></tr>${agencyRows}</table>
<h2>Flagged cells</h2>${flagHtml || "<p>Nothing flagged.</p>"}
<h2>Files</h2><table><tr><th>file</th><th>status</th><th>reason</th><th>warnings</th></tr>${fileRows}</table>
</body></html>
`;
  }
}
