/**
 * pdf.js's legacy build bundles a core-js polyfill that replaces Array.prototype.push for the whole process
 * when the engine fails a spec corner case (arrays past 2^32 - 1 elements). Node's push is right for every
 * length this program can reach and several times faster, so it is captured here, before pdf.js loads, and
 * put back after.
 */
const nativePush = Array.prototype.push;

export function restoreNativePush(): void {
  if (Array.prototype.push !== nativePush) Object.defineProperty(Array.prototype, "push", { value: nativePush, writable: true, configurable: true, enumerable: false });
}
