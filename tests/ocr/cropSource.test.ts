import { createCanvas } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { cropSource } from "../../src/ocr/engine.js";

describe("cropSource", () => {
  it("draws the canvas's pixels as soon as it is returned", async () => {
    const page = createCanvas(400, 300);
    const ctx = page.getContext("2d");
    ctx.fillStyle = "white";
    ctx.fillRect(0, 0, 400, 300);
    ctx.fillStyle = "black";
    ctx.fillRect(100, 100, 10, 10);
    const source = await cropSource(page);
    const crop = createCanvas(30, 30);
    crop.getContext("2d").drawImage(source, 90, 90, 30, 30, 0, 0, 30, 30);
    const data = crop.getContext("2d").getImageData(0, 0, 30, 30).data;
    const dark: [number, number][] = [];
    for (let y = 0; y < 30; y++) for (let x = 0; x < 30; x++) if (data[(y * 30 + x) * 4] < 128) dark.push([x, y]);
    expect(dark).toHaveLength(100);
    expect(dark[0]).toEqual([10, 10]);
    expect(dark[99]).toEqual([19, 19]);
  });
});
