/**
 * Tables pasted into a web page or a Word file as pictures: each picture becomes one page of a PDF made here
 * (the picture as a JPEG filling its page), which the scanned-page path reads: the same OCR, the same page
 * model, the same table finder. Nothing is fetched: the pictures are the files saved with the page, or the
 * bytes inside the Word file.
 */
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { findTables } from "../layout/index.js";
import type { Table } from "../layout/table.js";
import { openPdf, readPage } from "../pdf/document.js";
import { sharedEngine } from "./engine.js";
import { ocrPage } from "./page.js";

/** Resolution a picture is taken to have: web pictures of tables are drawn for screens, about this fine. */
const PICTURE_DPI = 150;
const JPEG_QUALITY = 92;

export interface Picture {
  /** How the document names it (src of an <img>, the Word part). */
  name: string;
  bytes: Uint8Array;
}

/** A JPEG and its size in pixels. */
interface Jpeg {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Decodes a picture (PNG, JPEG, GIF, WebP, BMP) and encodes it as a JPEG; null when it cannot be decoded. */
async function toJpeg(bytes: Uint8Array): Promise<Jpeg | null> {
  try {
    const image = await loadImage(Buffer.from(bytes));
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext("2d");
    // Transparent pictures on a white page, as a browser shows them.
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, image.width, image.height);
    ctx.drawImage(image, 0, 0);
    return { data: new Uint8Array(canvas.encodeSync("jpeg", JPEG_QUALITY)), width: image.width, height: image.height };
  } catch {
    return null;
  }
}

/** A PDF with one page per JPEG, each filling its page at PICTURE_DPI. */
export function picturesPdf(jpegs: Jpeg[]): Uint8Array {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (chunk: string | Uint8Array) => {
    const b = typeof chunk === "string" ? Buffer.from(chunk, "latin1") : Buffer.from(chunk);
    parts.push(b);
    length += b.length;
  };
  const object = (n: number, body: string, stream?: Uint8Array) => {
    offsets[n] = length;
    push(`${n} 0 obj\n${body}\n`);
    if (stream) {
      push("stream\n");
      push(stream);
      push("\nendstream\n");
    }
    push("endobj\n");
  };
  push("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
  const pageIds = jpegs.map((_, k) => 3 + 3 * k);
  object(1, "<< /Type /Catalog /Pages 2 0 R >>");
  object(2, `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${jpegs.length} >>`);
  jpegs.forEach((j, k) => {
    const [page, image, content] = [pageIds[k], pageIds[k] + 1, pageIds[k] + 2];
    const w = ((j.width * 72) / PICTURE_DPI).toFixed(2);
    const h = ((j.height * 72) / PICTURE_DPI).toFixed(2);
    const draw = `q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`;
    object(
      page,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im0 ${image} 0 R >> >> /Contents ${content} 0 R >>`,
    );
    object(
      image,
      `<< /Type /XObject /Subtype /Image /Width ${j.width} /Height ${j.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${j.data.length} >>`,
      j.data,
    );
    object(content, `<< /Length ${draw.length} >>`, Buffer.from(draw, "latin1"));
  });
  const count = 3 + 3 * jpegs.length;
  const xref = length;
  push(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let n = 1; n < count; n++) push(`${String(offsets[n]).padStart(10, "0")} 00000 n \n`);
  push(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return new Uint8Array(Buffer.concat(parts));
}

/** The tables OCR finds in each picture (in the pictures' order), and the pictures that could not be decoded. */
export async function pictureTables(
  pictures: Picture[],
): Promise<{ tables: Map<Picture, Table[]>; unreadable: Picture[] }> {
  const tables = new Map<Picture, Table[]>();
  const unreadable: Picture[] = [];
  const decoded: { picture: Picture; jpeg: Jpeg }[] = [];
  for (const picture of pictures) {
    const jpeg = await toJpeg(picture.bytes);
    if (jpeg) decoded.push({ picture, jpeg });
    else unreadable.push(picture);
  }
  if (!decoded.length) return { tables, unreadable };
  const pdf = picturesPdf(decoded.map((d) => d.jpeg));
  // pdf.js takes (detaches) the bytes it is given: one copy to read, one to render.
  const doc = await openPdf(pdf.slice());
  const renderDoc = await openPdf(pdf.slice(), { render: true });
  try {
    for (const [k, { picture }] of decoded.entries()) {
      const page = await readPage(doc, k + 1, { graphics: true });
      const read = await ocrPage(renderDoc, page, sharedEngine(), "page");
      tables.set(
        picture,
        findTables(read).map((t) => ({ ...t, picture: picture.name })),
      );
    }
  } finally {
    await doc.destroy();
    await renderDoc.destroy();
  }
  return { tables, unreadable };
}
