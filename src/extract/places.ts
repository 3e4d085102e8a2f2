import { areaList } from "@vant/area-data";

/** Suffixes of division names; what stands before them is the place's own name ("孟州" of 孟州市). */
const DIVISION_SUFFIX = /(?:省|市|县|区|自治区|自治州|自治县|自治旗|地区|盟|旗|林区|特区)$/u;

let names: string[] | null = null;

/** China's provinces, cities and counties (GB/T 2260, from @vant/area-data), with and without their suffix. */
function placeNames(): string[] {
  if (!names) {
    const all = [areaList.province_list, areaList.city_list, areaList.county_list].flatMap((list) =>
      Object.values(list),
    );
    const set = new Set<string>();
    for (const n of all) {
      set.add(n);
      const base = n.replace(DIVISION_SUFFIX, "");
      // One-character bases (东区 → 东) would make any word a place.
      if (base.length >= 2) set.add(base);
    }
    names = [...set];
  }
  return names;
}

/** Whether a name starts with a real province, city or county ("孟州市商务局" does, "重州市商务局" does not). */
export function startsWithPlace(name: string): boolean {
  return placeNames().some((p) => name.startsWith(p));
}

/** Real places as long as `name`'s start that differ from it in one character: what an OCR misreading may have been. */
export function placesOneOff(name: string): string[] {
  return placeNames().filter((p) => {
    if (p.length < 3 || p.length > name.length || !DIVISION_SUFFIX.test(p)) return false;
    let diff = 0;
    for (let k = 0; k < p.length && diff < 2; k++) if (p[k] !== name[k]) diff++;
    return diff === 1;
  });
}
