/**
 * report.html as a person sees it: a batch over samples/ and tests/fixtures/ (whose inconsistent reports give
 * flagged cells with crops), opened in headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core.
 * Skips, saying why, when Chromium cannot be had or playwright-core is not installed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTemps, ROOT, runXxgk, tempDir } from "./batch/helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const CHARTS = ["outcomes", "requesters", "review", "warnings"];
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// The few pieces of playwright-core used here, typed locally so that this file does not need its types.
interface PwRequest {
  url(): string;
}
interface PwRoute {
  request(): PwRequest;
  continue(): Promise<void>;
  abort(code?: string): Promise<void>;
}
interface PwMessage {
  type(): string;
  text(): string;
}
interface PwLocator {
  count(): Promise<number>;
}
interface PwPage {
  on(event: "console", fn: (m: PwMessage) => void): void;
  on(event: "pageerror", fn: (e: Error) => void): void;
  on(event: "request", fn: (r: PwRequest) => void): void;
  goto(url: string, options?: { waitUntil?: "load" | "networkidle" }): Promise<unknown>;
  locator(selector: string): PwLocator;
  $$eval<T>(selector: string, fn: (els: Element[]) => T): Promise<T>;
  screenshot(options: { path: string; fullPage: boolean }): Promise<Buffer>;
}
interface PwContext {
  route(url: string, handler: (route: PwRoute) => Promise<void>): Promise<void>;
  pages(): PwPage[];
  newPage(): Promise<PwPage>;
  close(): Promise<void>;
}
interface PwChromium {
  launchPersistentContext(
    userDataDir: string,
    options: { executablePath: string; args: string[]; headless: boolean; offline?: boolean },
  ): Promise<PwContext>;
}

/** Why the browser part cannot run here, or null when it can. */
let unavailable: string | null = null;
let chromium: PwChromium | null = null;

/** Chromium from Debian's package, installed here when it is missing and we are root. */
function ensureChromium(): string | null {
  if (existsSync(CHROMIUM)) return null;
  if (process.platform !== "linux" || process.getuid?.() !== 0)
    return `${CHROMIUM} is missing and this is not root on Linux, so it cannot be installed (apt-get install chromium)`;
  const apt = (args: string[]) =>
    spawnSync("apt-get", args, {
      encoding: "utf8",
      timeout: 600_000,
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  const update = apt(["update"]);
  const install = update.status === 0 ? apt(["install", "-y", "--no-install-recommends", "chromium"]) : update;
  if (existsSync(CHROMIUM)) return null;
  return `${CHROMIUM} is missing and apt-get could not install it (exit ${install.status}${install.error ? `, ${install.error.message}` : ""}): ${(install.stderr ?? "").slice(-500)}`;
}

beforeAll(async () => {
  try {
    const name = "playwright-core";
    chromium = ((await import(/* @vite-ignore */ name)) as { chromium: PwChromium }).chromium;
  } catch {
    unavailable = "playwright-core is not installed (add the devDependency: npm install -D playwright-core@1.65.1)";
    return;
  }
  unavailable = ensureChromium();
}, 900_000);

afterAll(() => removeTemps());

const isPng = (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

/** Width, height and the number of distinct colours (sampled) of a PNG, decoded with @napi-rs/canvas. */
async function pngStats(png: Buffer): Promise<{ width: number; height: number; colours: number }> {
  const { createCanvas, loadImage } = await import("@napi-rs/canvas");
  const img = await loadImage(png);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height).data;
  const colours = new Set<number>();
  for (let i = 0; i < data.length; i += 4 * 7) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
  return { width: img.width, height: img.height, colours: colours.size };
}

describe("report.html in headless Chromium", () => {
  it(
    "shows every chart, the crops of flagged cells, no error and no network request",
    { timeout: 300_000 },
    async (ctx) => {
      if (unavailable) ctx.skip(unavailable);
      const work = tempDir("xxgk-html-");
      const out = join(work, "output");
      // The samples and the report fixtures (tests/fixtures/markup holds pages that are no reports on purpose).
      const fixtures = readdirSync(join(ROOT, "tests", "fixtures"))
        .filter((f) => f.endsWith(".pdf"))
        .map((f) => join(ROOT, "tests", "fixtures", f));
      const r = await runXxgk(["extract", join(ROOT, "samples"), ...fixtures, "-o", out, "--jobs", "2", "--quiet"]);
      expect(r.code, `exit ${r.code}\n${r.stderr.slice(-4000)}`).toBe(0);
      const htmlPath = join(out, "report.html");
      expect(existsSync(htmlPath)).toBe(true);
      const html = readFileSync(htmlPath, "utf8");
      expect(html).toMatch(/<img class="crop"/);

      const profile = join(work, "profile");
      mkdirSync(profile);
      const context = await chromium!.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        args: ARGS,
        headless: true,
      });
      try {
        const pageUrl = pathToFileURL(htmlPath).href;
        // Every request the page makes, seen by the route (aborted unless it is the page itself) and by the page.
        const routed: string[] = [];
        const requested: string[] = [];
        await context.route("**/*", async (route) => {
          const url = route.request().url();
          routed.push(url);
          if (url === pageUrl || url.startsWith("data:")) await route.continue();
          else await route.abort("blockedbyclient");
        });
        const page = context.pages()[0] ?? (await context.newPage());
        const errors: string[] = [];
        page.on("console", (m) => {
          if (m.type() === "error") errors.push(`console: ${m.text()}`);
        });
        page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
        page.on("request", (q) => requested.push(q.url()));

        await page.goto(pageUrl, { waitUntil: "load" });

        for (const id of CHARTS) {
          expect(await page.locator(`figure.chart[data-chart="${id}"]`).count(), `chart ${id}`).toBe(1);
          expect(await page.locator(`figure.chart[data-chart="${id}"] svg`).count(), `chart ${id} has no <svg>`).toBe(
            1,
          );
          expect(
            await page.locator(`figure.chart[data-chart="${id}"] svg rect`).count(),
            `chart ${id} has no bars`,
          ).toBeGreaterThan(0);
        }
        const crops = await page.$$eval("img.crop", (imgs) =>
          imgs.map((i) => {
            const img = i as HTMLImageElement;
            return {
              complete: img.complete,
              width: img.naturalWidth,
              height: img.naturalHeight,
              data: /^data:image\/(png|svg\+xml);base64,/.test(img.src),
              svg: img.src.startsWith("data:image/svg+xml;base64,"),
            };
          }),
        );
        expect(crops.length, "no img.crop on the page").toBeGreaterThan(0);
        expect(
          crops.filter((c) => c.complete && c.width > 0 && c.height > 0).length,
          "no crop image decoded",
        ).toBeGreaterThan(0);
        expect(
          crops.every((c) => c.data),
          "a crop is not an inline PNG or SVG",
        ).toBe(true);
        expect(
          crops.some((c) => c.svg),
          "no text-layer crop drawn as SVG",
        ).toBe(true);
        expect(
          crops.filter((c) => c.width === 0),
          "crops the browser could not decode",
        ).toEqual([]);

        const shot = join(work, "report.png");
        const png = await page.screenshot({ path: shot, fullPage: true });
        expect(isPng(png)).toBe(true);
        expect(readFileSync(shot).equals(png)).toBe(true);
        expect(png.length).toBeGreaterThan(20_000);
        const stats = await pngStats(png);
        expect(stats.width).toBeGreaterThanOrEqual(800);
        expect(stats.height, "the full page is longer than one screen").toBeGreaterThan(1500);
        expect(stats.colours, "the screenshot is (nearly) blank").toBeGreaterThan(20);

        expect(errors).toEqual([]);
        const external = [...routed, ...requested].filter((u) => u !== pageUrl && !u.startsWith("data:"));
        expect(external, "the page asked for something other than data: URLs").toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
