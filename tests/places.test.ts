import { describe, expect, it } from "vitest";
import { startsWithPlace } from "../src/extract/places.js";

describe("startsWithPlace", () => {
  it("knows counties and cities with or without their suffix", () => {
    expect(startsWithPlace("孟州市商务局")).toBe(true);
    expect(startsWithPlace("平潭综合实验区管理委员会")).toBe(true);
    expect(startsWithPlace("郧西县自然资源和规划局")).toBe(true);
    expect(startsWithPlace("广东省人民政府办公厅")).toBe(true);
  });

  it("does not know an OCR misreading or a made-up place", () => {
    expect(startsWithPlace("重州市商务局")).toBe(false);
    expect(startsWithPlace("炎潭综合实验区管理委员会")).toBe(false);
    expect(startsWithPlace("临湖区教育局")).toBe(false);
  });
});
