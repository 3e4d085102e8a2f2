/**
 * Deterministic mutations of a PDF for the fuzz test: byte flips, truncations, deleted objects, edited page
 * content and a ToUnicode map that decodes digits into something else (the text the table reader sees).
 */
import { deflateSync, inflateSync } from "node:zlib";

export type Mutation = "flip" | "truncate" | "delete-object" | "edit-content" | "remap-digits";
export const MUTATIONS: Mutation[] = ["flip", "truncate", "delete-object", "edit-content", "remap-digits"];

type Rand = () => number;
const int = (rand: Rand, n: number) => Math.floor(rand() * n);
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[int(rand, xs.length)];

interface PdfStream {
  obj: number;
  /** Offsets of the dictionary's /Length number and of the data. */
  lengthAt: number;
  lengthText: string;
  dataAt: number;
  data: Buffer;
}

/** The FlateDecode streams as pdfkit writes them (`/Length n` first, then `/Filter /FlateDecode`). */
function flateStreams(pdf: Buffer): PdfStream[] {
  const text = pdf.toString("latin1");
  const found: PdfStream[] = [];
  for (const m of text.matchAll(/\n(\d+) 0 obj\n<<\n\/Length (\d+)\n\/Filter \/FlateDecode\n>>\nstream\n/g)) {
    const dataAt = m.index! + m[0].length;
    const length = Number(m[2]);
    found.push({
      obj: Number(m[1]),
      lengthAt: m.index! + m[0].indexOf("/Length ") + "/Length ".length,
      lengthText: m[2],
      dataAt,
      data: pdf.subarray(dataAt, dataAt + length),
    });
  }
  return found;
}

/** Rewrites the xref table from where the objects now are (after a stream changed length). */
export function rebuildXref(pdf: Buffer): Buffer {
  const text = pdf.toString("latin1");
  const xrefAt = text.lastIndexOf("\nxref\n") + 1;
  const offsets = new Map<number, number>();
  for (const m of text.slice(0, xrefAt).matchAll(/(?<=\n)(\d+) 0 obj\n/g))
    if (!offsets.has(Number(m[1]))) offsets.set(Number(m[1]), m.index!);
  const tail = text
    .slice(xrefAt)
    .replace(/^xref\n0 (\d+)\n(?:\d{10} \d{5} [nf] ?\n)+/, (_, size: string) => {
      const lines = ["0000000000 65535 f \n"];
      for (let n = 1; n < Number(size); n++) {
        const at = offsets.get(n);
        lines.push(at === undefined ? "0000000000 65535 f \n" : `${String(at).padStart(10, "0")} 00000 n \n`);
      }
      return `xref\n0 ${size}\n${lines.join("")}`;
    })
    .replace(/startxref\n\d+/, `startxref\n${xrefAt}`);
  return Buffer.from(text.slice(0, xrefAt) + tail, "latin1");
}

/** Replaces one stream's decoded content, fixing its /Length and the xref table. */
function replaceStream(pdf: Buffer, s: PdfStream, decoded: Buffer): Buffer {
  const data = deflateSync(decoded);
  return rebuildXref(
    Buffer.concat([
      pdf.subarray(0, s.lengthAt),
      Buffer.from(String(data.length), "latin1"),
      pdf.subarray(s.lengthAt + s.lengthText.length, s.dataAt),
      data,
      pdf.subarray(s.dataAt + s.data.length),
    ]),
  );
}

/**
 * The sample with digit `digit` decoded as `replacement` by every ToUnicode map (the font still draws the
 * digit; the text layer says otherwise).
 */
export function remapDigit(pdf: Buffer, digit: number, replacement: string): Buffer {
  let out = pdf;
  for (const obj of flateStreams(pdf).map((s) => s.obj)) {
    const s = flateStreams(out).find((x) => x.obj === obj)!;
    const text = inflateSync(s.data).toString("latin1");
    if (!text.includes("/CIDInit")) continue;
    out = replaceStream(out, s, Buffer.from(text.replaceAll(`<003${digit}>`, `<${hexUtf16(replacement)}>`), "latin1"));
  }
  return out;
}

/** What a digit may decode to instead: look-alikes, words, huge numbers, nothing printable. */
const DIGIT_REPLACEMENTS = [
  "０",
  "O",
  "l",
  "NaN",
  "Infinity",
  "—",
  "．",
  "1e9",
  "9".repeat(40),
  "－",
  "万元",
  "%",
  "\u0000",
  "\ufffd",
  "\ue000",
  "一",
  " ",
  "1,2",
  "..",
  "-",
];
const hexUtf16 = (s: string) =>
  [...Buffer.from(s, "utf16le").swap16()].map((b) => b.toString(16).padStart(2, "0")).join("");

const CONTENT_JUNK = [
  "0",
  "9",
  "-",
  ".",
  "<",
  ">",
  "[",
  "]",
  "(",
  ")",
  " ",
  "\n",
  "T",
  "J",
  "f",
  "m",
  "e",
  "q",
  "Q",
  "re",
  "BT",
  "ET",
  "1e308",
];

/** One mutant of `pdf`, or null when the mutation has nothing to work on in this file. */
export function mutate(pdf: Buffer, kind: Mutation, rand: Rand): Buffer | null {
  switch (kind) {
    case "flip": {
      const out = Buffer.from(pdf);
      const flips = 1 + int(rand, 16);
      for (let k = 0; k < flips; k++) out[int(rand, out.length)] ^= 1 + int(rand, 255);
      return out;
    }
    case "truncate":
      return Buffer.from(pdf.subarray(0, int(rand, pdf.length)));
    case "delete-object": {
      const spans = [...pdf.toString("latin1").matchAll(/(?<=\n)\d+ 0 obj\n[\s\S]*?\nendobj\n/g)];
      if (!spans.length) return null;
      const m = pick(rand, spans);
      return Buffer.concat([pdf.subarray(0, m.index!), pdf.subarray(m.index! + m[0].length)]);
    }
    case "edit-content": {
      const pages = flateStreams(pdf).filter((s) =>
        inflateSync(s.data).subarray(0, 64).toString("latin1").includes(" cm\n"),
      );
      if (!pages.length) return null;
      const s = pick(rand, pages);
      let text = inflateSync(s.data).toString("latin1");
      const edits = 1 + int(rand, 40);
      for (let k = 0; k < edits; k++) {
        const at = int(rand, text.length);
        const cut = int(rand, 3);
        text = text.slice(0, at) + pick(rand, CONTENT_JUNK) + text.slice(at + cut);
      }
      return replaceStream(pdf, s, Buffer.from(text, "latin1"));
    }
    case "remap-digits": {
      const maps = flateStreams(pdf).filter((s) =>
        inflateSync(s.data).subarray(0, 64).toString("latin1").includes("/CIDInit"),
      );
      if (!maps.length) return null;
      const s = pick(rand, maps);
      const cmap = inflateSync(s.data).toString("latin1");
      const digits = [...cmap.matchAll(/<003[0-9]>/g)];
      if (!digits.length) return null;
      const chosen = new Set(Array.from({ length: 1 + int(rand, 4) }, () => pick(rand, digits).index!));
      let out = "";
      let last = 0;
      for (const at of [...chosen].sort((a, b) => a - b)) {
        out += cmap.slice(last, at) + `<${hexUtf16(pick(rand, DIGIT_REPLACEMENTS))}>`;
        last = at + "<0030>".length;
      }
      return replaceStream(pdf, s, Buffer.from(out + cmap.slice(last), "latin1"));
    }
  }
}
