/**
 * pdf.js's legacy build bundles core-js polyfills that replace built-ins for the whole thread when the engine
 * misses a spec corner or a proposal: Array.prototype.push (arrays past 2^32 - 1 elements) and JSON.parse /
 * JSON.stringify (the JSON.rawJSON proposal, which wraps every key of every value in a JavaScript callback).
 * Node's own are right for everything this program does and several times faster (the polyfilled stringify
 * of one report JSON allocated 5 MB), so they are captured here, before pdf.js loads, and put back after.
 */
if ("pdfjsLib" in globalThis)
  throw new Error("pdf.js was loaded before its built-ins were captured: import it through src/pdf/pdfjs.ts");

const natives: [object, string, unknown][] = [
  [Array.prototype, "push", Array.prototype.push],
  [JSON, "parse", JSON.parse],
  [JSON, "stringify", JSON.stringify],
];

export function restoreNatives(): void {
  for (const [owner, key, value] of natives)
    if ((owner as Record<string, unknown>)[key] !== value)
      Object.defineProperty(owner, key, { value, writable: true, configurable: true, enumerable: false });
}
