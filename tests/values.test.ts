import { describe, expect, it } from "vitest";
import { isValueText, parseValue } from "../src/text/values.js";

describe("parseValue", () => {
  it.each([
    ["0", 0],
    ["42", 42],
    [" 7 ", 7],
    ["1\n2", 12], // a number wrapped inside a narrow cell
    ["1286.35", 1286.35],
    ["5949.088667", 5949.088667],
    ["12,385", 12385],
    ["１２，３８５", 12385],
    ["１２３", 123],
    ["-3", -3],
    ["\u22123", -3], // U+2212 minus sign
    ["－3", -3], // full-width hyphen-minus
    ["12件", 12],
    ["3项", 3],
  ])("reads %j as %d", (raw, want) => {
    expect(parseValue(raw)).toEqual({ value: want, blank: false, convertedFrom: undefined });
  });

  it("never returns -0", () => {
    expect(Object.is(parseValue("-0").value, 0)).toBe(true);
  });

  it("converts 元 printed in a 万元 column", () => {
    expect(parseValue("251000元", "万元")).toEqual({ value: 25.1, blank: false, convertedFrom: "元" });
    expect(parseValue("25.1万元", "万元")).toEqual({ value: 25.1, blank: false, convertedFrom: undefined });
    expect(parseValue("251000元")).toMatchObject({ value: 251000, convertedFrom: undefined });
  });

  it.each(["", "  ", "—", "——", "-", "/", "无", "－", "―"])("reads the blank marker %j as 0", (raw) => {
    expect(parseValue(raw)).toEqual({ value: 0, blank: true });
  });

  it.each(["开5948", "abc", "12.3.4", "1,2345", "3-4", "约5"])("rejects %j", (raw) => {
    expect(parseValue(raw)).toEqual({ value: null, blank: false });
  });
});

describe("isValueText", () => {
  it("accepts numbers and printed blank markers, not empty cells or words", () => {
    expect(isValueText("12")).toBe(true);
    expect(isValueText("—")).toBe(true);
    expect(isValueText("无")).toBe(true);
    expect(isValueText("")).toBe(false);
    expect(isValueText("本年新收政府信息公开申请数量")).toBe(false);
    expect(isValueText("开5948")).toBe(false);
  });
});

describe("a point before three digits in a count column", () => {
  it("is a thousands separator in a count, and said so", () => {
    expect(parseValue("8.157", undefined, true)).toEqual({ value: 8157, blank: false, pointAsSeparator: true });
  });
  it("stays a decimal point in an amount, or with other than three digits after it", () => {
    expect(parseValue("19.860").value).toBe(19.86);
    expect(parseValue("8.15", undefined, true).value).toBe(8.15);
    expect(parseValue("1234.567", undefined, true).value).toBe(1234.567);
  });
});
