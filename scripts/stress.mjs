#!/usr/bin/env node
// Renders fresh layouts with the generator in ../shared/render, extracts them with xxgk and scores them with
// ../shared/eval/score.mjs --warnings: one table per style and per hard variant, and the worst files with the
// commands that replay them. Not part of `npm test` (minutes to hours); see README "Stress test".
//
//   npm run stress -- [--sources DIR] [--synth N] [--seeds N] [--styles word,web,scan,mixed,html,docx] [--hard]
//                     [--seed-base N] [--jobs N] [--timeout S] [--keep DIR] [--worst N]
//
// --timeout is extract's per-file limit (default 900 s here: scans on a loaded machine can pass extract's 120 s,
// and a file stopped by the limit would be scored as lost rather than as read).
//
// --hard renders every (source, style, seed) twice, plain and with --hard. Seeds start at --seed-base (default:
// drawn from the clock, printed) so every run is a layout nobody has looked at. With the same options, seed
// base and --keep folder, renders already there are reused: the run resumes, or measures a fix on the same files.
import { execFile, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { areaList } from "@vant/area-data";

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const shared = resolve(root, "../shared");
const renderBin = join(shared, "render/render");
const synthBin = join(shared, "render/synth.py");
const scoreBin = join(shared, "eval/score.mjs");

const { values: opt } = parseArgs({
  options: {
    sources: { type: "string", default: join(shared, "corpus/sources") },
    synth: { type: "string", default: "0" },
    seeds: { type: "string", default: "1" },
    styles: { type: "string", default: "word,web" },
    hard: { type: "boolean", default: false },
    "seed-base": { type: "string" },
    jobs: { type: "string", default: String(availableParallelism()) },
    timeout: { type: "string", default: "900" },
    keep: { type: "string" },
    worst: { type: "string", default: "15" },
  },
});

for (const need of [renderBin, synthBin, scoreBin])
  if (!existsSync(need)) {
    console.error(`stress: ${need} not found: the generator and scorer live in ../shared beside the checkout`);
    process.exit(2);
  }

const jobs = Math.max(1, Number(opt.jobs));
const seedBase = opt["seed-base"] !== undefined ? Number(opt["seed-base"]) : 10_000 + (Date.now() % 900_000);
const styles = opt.styles
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);
const work = opt.keep ? resolve(opt.keep) : mkdtempSync(join(tmpdir(), "xxgk-stress-"));
const dirs = {
  sources: join(work, "sources"),
  pdfs: join(work, "pdfs"),
  out: join(work, "out"),
  groups: join(work, "groups"),
};
for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
console.log(`stress: seed base ${seedBase}, work folder ${work}`);

/** Deterministic PRNG (mulberry32) so one seed base always gives the same synthetic agencies. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (rand, list) => list[Math.floor(rand() * list.length)];

// Agency names of every shape the template is published under: governments, their offices, departments,
// commissions, zone committees, centres, townships and streets, on real places of every level.
const COUNTY_DEPARTMENTS = [
  "人民政府",
  "人民政府办公室",
  "教育局",
  "财政局",
  "公安局",
  "民政局",
  "自然资源局",
  "生态环境局",
  "住房和城乡建设局",
  "交通运输局",
  "水利局",
  "农业农村局",
  "商务局",
  "文化和旅游局",
  "卫生健康委员会",
  "应急管理局",
  "市场监督管理局",
  "医疗保障局",
  "统计局",
  "发展和改革局",
  "司法局",
  "人力资源和社会保障局",
  "退役军人事务局",
  "林业局",
  "政务服务管理局",
  "审计局",
  "城市管理局",
  "行政审批局",
];
const CITY_DEPARTMENTS = [
  "人民政府",
  "人民政府办公室",
  "发展和改革委员会",
  "教育局",
  "科学技术局",
  "工业和信息化局",
  "民族宗教事务委员会",
  "住房和城乡建设委员会",
  "卫生健康委员会",
  "国有资产监督管理委员会",
  "政务服务中心",
  "公共资源交易中心",
  "住房公积金管理中心",
  "机关事务管理局",
  "自然资源和规划局",
  "市场监督管理局",
  "地方金融监督管理局",
];
const PROVINCE_DEPARTMENTS = [
  "人民政府",
  "人民政府办公厅",
  "发展和改革委员会",
  "教育厅",
  "财政厅",
  "交通运输厅",
  "卫生健康委员会",
  "住房和城乡建设厅",
  "生态环境厅",
  "大数据管理中心",
];
const ZONES = [
  "经济技术开发区管理委员会",
  "高新技术产业开发区管理委员会",
  "工业园区管理委员会",
  "综合保税区管理委员会",
];
const TOWNS = ["城关镇人民政府", "新华街道办事处", "东风街道办事处", "河口镇人民政府", "青山乡人民政府"];

function agencyName(rand) {
  const counties = Object.values(areaList.county_list).filter((n) => /(?:县|区|市|旗)$/.test(n) && n.length >= 3);
  const cities = Object.values(areaList.city_list).filter((n) => /市$/.test(n));
  const provinces = Object.values(areaList.province_list).filter((n) => /省$/.test(n));
  const r = rand();
  if (r < 0.45) return pick(rand, counties) + pick(rand, COUNTY_DEPARTMENTS);
  if (r < 0.7) return pick(rand, cities) + pick(rand, CITY_DEPARTMENTS);
  if (r < 0.8) return pick(rand, provinces) + pick(rand, PROVINCE_DEPARTMENTS);
  if (r < 0.9) return pick(rand, cities).replace(/市$/, "") + pick(rand, ZONES);
  return pick(rand, counties) + pick(rand, TOWNS);
}

async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const k = next++;
        out[k] = await fn(items[k], k);
      }
    }),
  );
  return out;
}

// Sources: the given folder, plus new synthetic ones (both templates, random agencies and years).
const sources = readdirSync(opt.sources)
  .filter((n) => n.endsWith(".json"))
  .sort()
  .map((n) => ({ path: join(opt.sources, n), stem: n.replace(/\.json$/, ""), replay: null }));
const rand = prng(seedBase);
for (let i = 0; i < Number(opt.synth); i++) {
  const template = i % 2 ? "2019" : "2021";
  const year = template === "2019" ? pick(rand, [2019, 2020]) : pick(rand, [2021, 2022, 2023, 2024, 2025]);
  const agency = agencyName(rand);
  const seed = seedBase + i;
  const args = ["--template", template, "--year", String(year), "--agency", agency, "--seed", String(seed)];
  if (rand() < 0.3) args.push("--blank-rules");
  const stem = `synth${i + 1}-${year}`;
  const path = join(dirs.sources, `${stem}.json`);
  writeFileSync(path, execFileSync("python3", [synthBin, ...args]));
  sources.push({
    path,
    stem,
    replay: `${synthBin} ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(" ")} > ${stem}.json`,
  });
}

// Styles html and docx are the web page and the Word file behind the web and word renders: the generator
// keeps its intermediate (.html, .fodt); LibreOffice turns the .fodt into .docx.
const GENERATOR_STYLE = { html: "web", docx: "word" };
const generatorStyle = (style) => GENERATOR_STYLE[style] ?? style;

// Renders: source × style × seed (× plain/hard), each seed new.
const renders = [];
let seed = seedBase;
for (const s of sources)
  for (const style of styles)
    for (let k = 0; k < Number(opt.seeds); k++) {
      seed++;
      for (const hard of opt.hard ? [false, true] : [false])
        renders.push({ source: s, style, seed, hard, name: `${s.stem}-${style}${hard ? "-hard" : ""}-s${seed}` });
    }
const renderArgs = (r, out) => [
  r.source.path,
  "--style",
  generatorStyle(r.style),
  "--seed",
  String(r.seed),
  "--out",
  out,
  "--name",
  r.name,
  "--quiet",
  ...(r.hard ? ["--hard"] : []),
  ...(r.style in GENERATOR_STYLE ? ["--keep-intermediate"] : []),
];
let rendered = 0;
const started = Date.now();
const renderFailures = [];
// A render already in the folder (same seed base, --keep) is not made again: a stopped run resumes, and a
// fix is measured on the very same files.
const done = (r) => existsSync(join(dirs.pdfs, `${r.name}.truth.json`));
await pool(renders, jobs, async (r) => {
  try {
    if (!done(r)) await run(renderBin, renderArgs(r, dirs.pdfs), { maxBuffer: 1 << 24 });
  } catch (err) {
    renderFailures.push(
      `${r.name}: ${String(err.stderr || err.message)
        .trim()
        .split("\n")
        .pop()}`,
    );
  }
  if (++rendered % 20 === 0 || rendered === renders.length)
    process.stderr.write(`rendered ${rendered}/${renders.length}\n`);
});
// The page or Word file replaces the PDF as the input; its truth names it and its bytes.
const fodts = renders.filter((r) => r.style === "docx" && existsSync(join(dirs.pdfs, `${r.name}.fodt`)));
if (fodts.length) {
  try {
    execFileSync(
      "soffice",
      [
        "--headless",
        "--convert-to",
        "docx",
        "--outdir",
        dirs.pdfs,
        ...fodts.map((r) => join(dirs.pdfs, `${r.name}.fodt`)),
      ],
      { stdio: "ignore" },
    );
  } catch (err) {
    renderFailures.push(`LibreOffice could not convert the .fodt files to .docx: ${err.message}`);
  }
}
for (const r of renders.filter((x) => x.style in GENERATOR_STYLE)) {
  const ext = r.style === "html" ? "html" : "docx";
  const input = join(dirs.pdfs, `${r.name}.${ext}`);
  const truthPath = join(dirs.pdfs, `${r.name}.truth.json`);
  for (const extra of [".pdf", ".fodt"]) rmSync(join(dirs.pdfs, `${r.name}${extra}`), { force: true });
  if (!existsSync(input) || !existsSync(truthPath)) {
    rmSync(truthPath, { force: true });
    continue;
  }
  const truth = JSON.parse(readFileSync(truthPath, "utf8"));
  if (truth.file === basename(input)) continue;
  truth.file = basename(input);
  truth.sha256 = createHash("sha256").update(readFileSync(input)).digest("hex");
  writeFileSync(truthPath, JSON.stringify(truth, null, 2));
}
const ok = renders.filter((r) => existsSync(join(dirs.pdfs, `${r.name}.truth.json`)));
console.log(
  `rendered ${ok.length}/${renders.length} in ${Math.round((Date.now() - started) / 1000)} s${renderFailures.length ? `; generator failures:\n  ${renderFailures.join("\n  ")}` : ""}`,
);

// Extract the whole folder in one batch, as a user would.
const t0 = Date.now();
try {
  execFileSync(
    process.execPath,
    [
      join(root, "bin/xxgk.js"),
      "extract",
      dirs.pdfs,
      "-o",
      dirs.out,
      "--quiet",
      "--jobs",
      String(jobs),
      "--timeout",
      String(opt.timeout),
      "--force",
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
} catch {
  // Exit code 1 means some files failed or held no report: the scores show it.
}
console.log(`extracted in ${Math.round((Date.now() - t0) / 1000)} s`);

function score(truthDir, quiet = true) {
  let text;
  try {
    text = execFileSync(
      process.execPath,
      [scoreBin, "--truth", truthDir, "--out", dirs.out, "--warnings", ...(quiet ? ["--quiet"] : [])],
      { encoding: "utf8", maxBuffer: 1 << 26 },
    );
  } catch (err) {
    text = err.stdout;
  }
  const num = (re) => Number(text.match(re)?.[1] ?? NaN);
  return {
    text,
    reports: num(/reports (\d+):/),
    meta: num(/(\d+) with wrong year/),
    absent: num(/(\d+) without output/),
    unflagged: num(/unflagged (\d+)/),
    correct: num(/cell accuracy [\d.]+% \((\d+)\//),
    total: num(/cell accuracy [\d.]+% \(\d+\/(\d+)\)/),
    pct: num(/cell accuracy ([\d.]+)%/),
    missed: num(/warnings missed (\d+)/),
    falseAlarms: num(/false (\d+)\s*$/),
  };
}

/** A folder of links to the truth files of one group, for score.mjs. */
function group(name, members) {
  const d = join(dirs.groups, name);
  mkdirSync(d, { recursive: true });
  for (const r of members) {
    const link = join(d, `${r.name}.truth.json`);
    if (!existsSync(link)) symlinkSync(join(dirs.pdfs, `${r.name}.truth.json`), link);
  }
  return d;
}

function table(title, rows) {
  console.log(`\n${title}`);
  const head = [
    "group",
    "reports",
    "cells",
    "accuracy",
    "unflagged",
    "wrong meta",
    "no output",
    "missed warn",
    "false warn",
  ];
  const body = rows.map(([name, s]) =>
    [
      name,
      s.reports,
      `${s.correct}/${s.total}`,
      `${s.pct.toFixed(2)}%`,
      s.unflagged,
      s.meta,
      s.absent,
      s.missed,
      s.falseAlarms,
    ].map(String),
  );
  const widths = head.map((h, k) => Math.max(h.length, ...body.map((b) => b[k].length)));
  for (const line of [head, ...body])
    console.log("  " + line.map((c, k) => (k ? c.padStart(widths[k]) : c.padEnd(widths[k]))).join("  "));
}

const truthOf = (r) => JSON.parse(readFileSync(join(dirs.pdfs, `${r.name}.truth.json`), "utf8"));
const byStyle = new Map();
const byVariant = new Map();
for (const r of ok) {
  const key = `${r.style}${r.hard ? " --hard" : ""}`;
  byStyle.set(key, [...(byStyle.get(key) ?? []), r]);
  for (const v of truthOf(r).hard ?? []) byVariant.set(v, [...(byVariant.get(v) ?? []), r]);
}
const styleRows = [...byStyle].map(([k, rs]) => [k, score(group(k.replace(/\W+/g, "_"), rs))]);
// The styles part the renders: their sums are the whole run's figures (no second scoring of every file).
const sum = (key) => styleRows.reduce((s, [, r]) => s + r[key], 0);
const all = Object.fromEntries(
  ["reports", "meta", "absent", "unflagged", "correct", "total", "missed", "falseAlarms"].map((k) => [k, sum(k)]),
);
table("by style", [...styleRows, ["all", { ...all, pct: all.total ? (100 * all.correct) / all.total : 0 }]]);
group("all", ok);
if (byVariant.size)
  table(
    "by hard variant (a file counts under each variant it has)",
    [...byVariant].sort().map(([k, rs]) => [k, score(group(`variant_${k}`, rs))]),
  );

// Worst files: fewest right cells, wrong metadata, missed or false warnings.
const detail = score(join(dirs.groups, "all"), false).text.split("\n");
const files = [];
for (let i = 0; i < detail.length; i++) {
  const m = detail[i].match(/^(\S+\.(?:pdf|html|docx)): (?:NO OUTPUT \()?(\d+)\/(\d+)/);
  if (!m) continue;
  const notes = [];
  for (let j = i + 1; j < detail.length && detail[j].startsWith("    "); j++) notes.push(detail[j].trim());
  const bad =
    Number(m[3]) -
    Number(m[2]) +
    (detail[i].includes("META") ? 50 : 0) +
    notes.filter((n) => /^warning missed|^false alarm/.test(n)).length * 20;
  if (bad > 0) files.push({ name: m[1].replace(/\.(?:pdf|html|docx)$/, ""), line: detail[i], notes, bad });
}
files.sort((a, b) => b.bad - a.bad);
console.log(`\nworst files (${files.length} not fully right; replay: render, then extract):`);
for (const f of files.slice(0, Number(opt.worst))) {
  const r = ok.find((x) => x.name === f.name);
  console.log(`  ${f.line}`);
  for (const n of f.notes.slice(0, 6)) console.log(`      ${n}`);
  if (r.source.replay) console.log(`      ${r.source.replay}`);
  const src = r.source.replay ? `${r.source.stem}.json` : r.source.path;
  const input = r.style === "html" ? `${r.name}.html` : r.style === "docx" ? `${r.name}.docx` : `${r.name}.pdf`;
  const convert =
    r.style === "docx"
      ? ` && soffice --headless --convert-to docx --outdir /tmp/replay /tmp/replay/${r.name}.fodt`
      : "";
  console.log(
    `      ${renderBin} ${renderArgs(r, "/tmp/replay")
      .map((a, k) => (k === 0 ? src : a))
      .filter((a) => a !== "--quiet")
      .join(" ")}${convert} && node bin/xxgk.js extract /tmp/replay/${input} -o /tmp/replay/out`,
  );
}
if (!opt.keep) console.log(`\n(renders and outputs in ${work}; pass --keep DIR to choose the folder)`);
