import { describe, expect, it } from "vitest";
import { normalizeAgency, placeAgency } from "../src/extract/divisions.js";

const placed = (agency: string) => {
  const p = placeAgency(agency);
  return [p.division_code, p.division_level, p.province, p.agency_kind];
};

describe("placeAgency", () => {
  // The agencies of ../shared/corpus: real places get their division, made-up ones none, with a reason.
  it.each([
    ["孟州市商务局", ["410883", "county", "河南省", "department"]],
    ["青川县交通运输局", ["510822", "county", "四川省", "department"]],
    ["洪泽区人民政府", ["320813", "county", "江苏省", "government"]],
    ["淮安市洪泽区人民政府", ["320813", "county", "江苏省", "government"]],
    ["河南省人民政府办公厅", ["410000", "province", "河南省", "general_office"]],
    ["北京市人民政府", ["110000", "province", "北京市", "government"]],
    ["北京市朝阳区教育局", ["110105", "county", "北京市", "department"]],
    ["上海市浦东新区人民政府", ["310115", "county", "上海市", "government"]],
    ["来宾市卫生健康委员会", ["451300", "city", "广西壮族自治区", "department"]],
    ["鼎城区新华街道办事处", ["430703", "township", "湖南省", "township"]],
  ])("%s → %j", (agency, expected) => {
    expect(placed(agency)).toEqual(expected);
    expect(placeAgency(agency).division_note === null).toBe(expected[1] !== "township");
  });

  it.each([
    ["平潭综合实验区", /development zone/],
    ["来宾市经济技术开发区管理委员会", /development zone/],
    ["云溪市自然资源和规划局", /no province, city or county/],
    ["北塘区自然资源局", /no province, city or county/],
    ["江宁市人民政府办公室", /no province, city or county/],
    ["临湖区教育局", /no province, city or county/],
    ["朝阳区教育局", /more than one division.*北京市 110105.*吉林省 220104/],
  ])("%s stays empty: %s", (agency, reason) => {
    const p = placeAgency(agency);
    expect([p.division_code, p.division_level, p.province]).toEqual([null, null, null]);
    expect(p.division_note).toMatch(reason);
  });

  it("normalises spaces, full-width forms, radical code points and 政府 abbreviations", () => {
    expect(normalizeAgency(" 孟州市 商务局 ")).toBe("孟州市商务局");
    expect(normalizeAgency("⻘川县交通运输局")).toBe("青川县交通运输局");
    expect(normalizeAgency("来宾市政府")).toBe("来宾市人民政府");
    expect(normalizeAgency("孟州市政府办")).toBe("孟州市人民政府办公室");
    expect(placeAgency("来宾市政府").agency_kind).toBe("government");
  });
});
