/** pdf.js's worker half ships without types; only its entry point is used here. */
declare module "pdfjs-dist/legacy/build/pdf.worker.mjs" {
  export const WorkerMessageHandler: { initializeFromPort(port: unknown): void };
}
