import { inflateSync } from "node:zlib";

/**
 * A DecompressionStream("deflate") that inflates in one synchronous call when its input ends. pdf.js inflates
 * every content stream and font through DecompressionStream; Node's pipes each one through an asynchronous
 * zlib stream, whose machinery costs more than the inflating on the small streams of a report (~8% of a
 * text-layer report). Other formats throw, as an unsupported format does, and pdf.js then decodes them itself.
 */
export class InflateAtOnceStream extends TransformStream<Uint8Array, Uint8Array> {
  constructor(format: string) {
    if (format !== "deflate") throw new TypeError(`unsupported compression format: ${format}`);
    const chunks: Uint8Array[] = [];
    super({
      transform: (chunk) => void chunks.push(chunk),
      flush: (controller) => controller.enqueue(inflateSync(Buffer.concat(chunks))),
    });
  }
}

/** Installs it for pdf.js (the thread's only user of DecompressionStream). */
export function useInflateAtOnce(): void {
  (globalThis as { DecompressionStream: unknown }).DecompressionStream = InflateAtOnceStream;
}
