import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { inspectPage } from "../src/cli/inspect.js";

const SAMPLE = resolve(fileURLToPath(import.meta.url), "../../samples/sample-xinan-2022-ruled.pdf");
const SCAN = resolve(fileURLToPath(import.meta.url), "../../samples/sample-xinan-2022-scan.pdf");

describe("xxgk inspect", () => {
  it("draws a page with its tables and mapped cells as a PNG", { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "xxgk-inspect-"));
    try {
      const out = join(dir, "p2.png");
      const r = await inspectPage(SAMPLE, 2, out);
      expect(r.tables).toBeGreaterThan(0);
      expect(r.mapped).toBeGreaterThan(20);
      expect(readFileSync(out).subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(
    "draws a scanned page as OCR saw it: the ruling lines found on the image and its tables",
    { timeout: 180_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "xxgk-inspect-"));
      try {
        const r = await inspectPage(SCAN, 2, join(dir, "p2.png"));
        expect(r.tables).toBeGreaterThan(0);
        expect(r.mapped).toBeGreaterThan(20);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it("names the page count when asked for a page that does not exist", { timeout: 60_000 }, async () => {
    await expect(inspectPage(SAMPLE, 99, join(tmpdir(), "never.png"))).rejects.toThrow(/has 3 page/);
  });
});
