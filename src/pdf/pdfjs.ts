/**
 * The one runtime door to pdf.js: its legacy build replaces built-ins when it loads (see natives.ts), so the
 * natives are captured first and put back right after. A module that imported pdf.js itself, earlier in the
 * import graph, would load it before the capture: batches ran 30% slower on the polyfills.
 */
import { restoreNatives } from "./natives.js";
import { getDocument, ImageKind, OPS, PasswordResponses, PDFWorker } from "pdfjs-dist/legacy/build/pdf.mjs";
import { WorkerMessageHandler } from "pdfjs-dist/legacy/build/pdf.worker.mjs";

restoreNatives();

export { getDocument, ImageKind, OPS, PasswordResponses, PDFWorker, WorkerMessageHandler };
