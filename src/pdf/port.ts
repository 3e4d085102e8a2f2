/**
 * The channel between pdf.js's two halves, both on this thread. pdf.js's own loopback port copies every message
 * with structuredClone, whose serialiser costs a tenth of a text-layer report: an operator list is thousands of
 * small argument arrays. Messages here are copied by a plain recursive copy instead, with the same outcome for
 * what pdf.js sends (arrays, plain objects, typed arrays, Maps and Sets of them; no functions): the sender may
 * reuse its arrays once a message is out (an operator list chunk empties them), so each message still gets
 * copies, except for the buffers it transfers, which the sender gives up. A port for extraction also copies
 * operator arguments its own way (leaving out those nobody reads, sharing the glyphs pdf.js caches per font).
 */

type Listener = (event: { data: unknown }) => void;

/** A copy of `value` as structuredClone would make it, sharing the buffers in `transferred`. */
export function copyMessage(value: unknown, transferred: ReadonlySet<ArrayBufferLike>): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyMessage(value[i], transferred);
    return out;
  }
  if (ArrayBuffer.isView(value)) {
    if (transferred.has(value.buffer)) return value;
    return (value as unknown as { slice(): unknown }).slice();
  }
  if (value instanceof ArrayBuffer) return transferred.has(value) ? value : value.slice(0);
  if (value instanceof Map) {
    const out = new Map();
    for (const [k, v] of value) out.set(copyMessage(k, transferred), copyMessage(v, transferred));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set();
    for (const v of value) out.add(copyMessage(v, transferred));
    return out;
  }
  // Errors and other class instances keep their prototype (structuredClone would make Errors plain Errors and
  // the rest plain objects; pdf.js rebuilds errors from their name and message either way).
  const out: Record<string, unknown> = Object.create(Object.getPrototypeOf(value));
  for (const key of Object.keys(value)) out[key] = copyMessage((value as Record<string, unknown>)[key], transferred);
  if (value instanceof Error) {
    out.message = value.message;
    out.name = value.name;
  }
  return out;
}

const NO_TRANSFERS: ReadonlySet<ArrayBufferLike> = new Set();

interface OperatorListChunk {
  fnArray: number[];
  argsArray: unknown[];
}

function isOperatorListChunk(chunk: unknown): chunk is OperatorListChunk {
  const c = chunk as Partial<OperatorListChunk> | null;
  return typeof c === "object" && c !== null && Array.isArray(c.fnArray) && Array.isArray(c.argsArray);
}

/**
 * What an operator list chunk carries of one operator's arguments: `copy` is copyMessage for this message (null:
 * the arguments are left out).
 */
export type ArgumentsCopier = (fn: number, args: unknown, copy: (value: unknown) => unknown) => unknown;

/**
 * pdf.js's LoopbackPort, with copyMessage for structuredClone: messages are delivered in order, asynchronously.
 * With `copyArguments`, operator list chunks carry what it gives of each operator's arguments.
 */
export class CopyingLoopbackPort {
  private readonly listeners = new Set<Listener>();
  private readonly delivered = Promise.resolve();
  constructor(private readonly copyArguments: ArgumentsCopier | null = null) {}
  private copy(message: unknown, transferred: ReadonlySet<ArrayBufferLike>): unknown {
    const chunk = (message as { chunk?: unknown } | null)?.chunk;
    if (!this.copyArguments || !isOperatorListChunk(chunk)) return copyMessage(message, transferred);
    const copyArguments = this.copyArguments;
    const copy = (value: unknown) => copyMessage(value, transferred);
    const { fnArray, argsArray } = chunk;
    const args = new Array(argsArray.length);
    for (let i = 0; i < argsArray.length; i++) args[i] = copyArguments(fnArray[i], argsArray[i], copy);
    const rest = copyMessage({ ...(message as object), chunk: { ...chunk, fnArray: [], argsArray: [] } }, transferred);
    const out = rest as { chunk: OperatorListChunk };
    out.chunk.fnArray = fnArray.slice();
    out.chunk.argsArray = args;
    return out;
  }
  postMessage(message: unknown, transfer?: ArrayBufferLike[] | null): void {
    const event = { data: this.copy(message, transfer?.length ? new Set(transfer) : NO_TRANSFERS) };
    void this.delivered.then(() => {
      for (const listener of this.listeners) listener.call(this, event);
    });
  }
  /** pdf.js stops listening by aborting the signal it passed (a document's handlers, when it is destroyed). */
  addEventListener(_name: string, listener: Listener, options?: { signal?: AbortSignal } | null): void {
    const signal = options?.signal;
    if (signal?.aborted) return;
    this.listeners.add(listener);
    signal?.addEventListener("abort", () => this.listeners.delete(listener), { once: true });
  }
  removeEventListener(_name: string, listener: Listener): void {
    this.listeners.delete(listener);
  }
  terminate(): void {
    this.listeners.clear();
  }
}
