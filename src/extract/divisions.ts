/**
 * Where a reporting agency belongs and what kind of agency it is, for joining reports to census and budget
 * data: the 6-digit administrative division code (GB/T 2260, from the npm package @vant/area-data: provinces,
 * cities and counties as of its release), the division's level, its province, and the agency's kind. What the
 * name does not settle stays empty with a reason, never guessed: a county name several provinces have, a place
 * no division has, a development zone (it has no division of its own, and is not its city).
 */
import { areaList } from "@vant/area-data";
import type { AgencyKind, AgencyPlace } from "../report/types.js";
import { normalizeText } from "../text/characters.js";

type ListLevel = "province" | "city" | "county";
interface Division {
  code: string;
  name: string;
  level: ListLevel;
}

let byName: Map<string, Division[]> | null = null;

/** Every province, city and county by its full name (a name may be several divisions: 朝阳区, 鼓楼区). */
function divisions(): Map<string, Division[]> {
  if (!byName) {
    byName = new Map();
    const lists: [ListLevel, Record<string, string>][] = [
      ["province", areaList.province_list],
      ["city", areaList.city_list],
      ["county", areaList.county_list],
    ];
    for (const [level, list] of lists)
      for (const [code, name] of Object.entries(list))
        if (!ZONE_UNIT.test(name)) byName.set(name, [...(byName.get(name) ?? []), { code, name, level }]);
  }
  return byName;
}

const province = (code: string) => areaList.province_list[`${code.slice(0, 2)}0000`] ?? null;
/** Whether division `a` contains division `b` (or is it). */
const contains = (a: Division, b: Division) =>
  a.level === "province"
    ? b.code.slice(0, 2) === a.code.slice(0, 2)
    : a.level === "city"
      ? b.code.slice(0, 4) === a.code.slice(0, 4)
      : a.code === b.code;

/** Abbreviations of 人民政府 some reports print. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/([省市县区旗])政府办公室$/u, "$1人民政府办公室"],
  [/([省市县区旗])政府办公厅$/u, "$1人民政府办公厅"],
  [/([省市县区旗])政府办$/u, "$1人民政府办公室"],
  [/([省市县区旗镇乡])政府$/u, "$1人民政府"],
];

export function normalizeAgency(name: string): string {
  let n = normalizeText(name).normalize("NFKC").replace(/\s+/g, "");
  for (const [re, to] of ABBREVIATIONS) n = n.replace(re, to);
  return n;
}

const ZONE = /(?:开发区|高新区|园区|综合实验区|试验区|实验区|保税区|示范区|合作区|新区)(?:管理委员会|管委会|党工委)?/u;
/**
 * Zones the package lists with statistical codes among the counties: no divisions of GB/T 2260 (新区 may be one: 浦东新区).
 */
const ZONE_UNIT = /开发区|高新区|园区|实验区|试验区|保税区|示范区|合作区/u;
const TOWNSHIP = /(?:镇|乡|街道)(?:人民政府|办事处|党委)|街道$/u;

export function agencyKind(name: string, zoneIsDivision: boolean): AgencyKind {
  if (ZONE.test(name) && !zoneIsDivision) return "development_zone";
  if (TOWNSHIP.test(name)) return "township";
  if (/人民政府办公[室厅]$/u.test(name)) return "general_office";
  if (/人民政府$/u.test(name)) return "government";
  if (/(?:局|委员会|委|办公室|办|厅|中心|署|处|所|站|院|馆|队)$/u.test(name)) return "department";
  return "other";
}

/** The divisions a name starts with, outermost first (河南省焦作市孟州市…): each the longest name matching there. */
function leadingDivisions(name: string): { name: string; candidates: Division[] }[] {
  const out: { name: string; candidates: Division[] }[] = [];
  let at = 0;
  for (;;) {
    let best: string | null = null;
    for (let len = 2; len <= 12 && at + len <= name.length; len++)
      if (divisions().has(name.slice(at, at + len))) best = name.slice(at, at + len);
    if (!best) return out;
    out.push({ name: best, candidates: divisions().get(best)! });
    at += best.length;
  }
}

/** The division, level, province and kind of an agency named as the report names it. */
export function placeAgency(agency: string | null): AgencyPlace {
  const none = (note: string, normalized: string | null = null, kind: AgencyKind | null = null): AgencyPlace => ({
    agency_normalized: normalized,
    division_code: null,
    division_name: null,
    division_level: null,
    province: null,
    agency_kind: kind,
    division_note: note,
  });
  if (!agency) return none("no agency name was read");
  const name = normalizeAgency(agency);
  const chain = leadingDivisions(name);
  const zoneIsDivision = chain.some((c) => ZONE.test(c.name));
  const kind = agencyKind(name, zoneIsDivision);
  if (kind === "development_zone")
    return none("a development zone has no division of its own (and is not its city)", name, kind);
  if (!chain.length) return none(`no province, city or county is named at the start of “${name}”`, name, kind);
  // Each named division must lie in the one named before it (淮安市洪泽区: 洪泽区 of 淮安市, not another).
  let fits: Division[] = chain[0].candidates;
  for (const link of chain.slice(1)) {
    const inside = link.candidates.filter((d) => fits.some((f) => contains(f, d)));
    if (inside.length) fits = inside;
  }
  // The deepest level named is the agency's; a municipality (北京市) is both a province and a city: the province.
  const at = (level: ListLevel) => fits.filter((d) => d.level === level);
  const municipality =
    at("province").length > 0 && at("city").every((c) => at("province").some((p) => p.name === c.name));
  const deepest = at("county").length
    ? at("county")
    : at("city").length && !municipality
      ? at("city")
      : fits.filter((d) => d.level !== "city");
  if (deepest.length > 1)
    return none(
      `“${chain[chain.length - 1].name}” is more than one division (${deepest.map((d) => `${province(d.code)} ${d.code}`).join(", ")}) and the name does not say which`,
      name,
      kind,
    );
  const d = deepest[0];
  return {
    agency_normalized: name,
    division_code: d.code,
    division_name: d.name,
    division_level: kind === "township" ? "township" : d.level,
    province: province(d.code),
    agency_kind: kind,
    division_note:
      kind === "township"
        ? `a township or street of ${d.name}: the code is ${d.name}'s (township codes have 9 digits)`
        : null,
  };
}
