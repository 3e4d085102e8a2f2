/**
 * The table finder: one page model in, its tables out. Ruled tables come from the page's lines (lattice);
 * the text left outside them is searched for borderless tables (stream). Both give the same Table type.
 */
import type { PageModel } from "../pdf/types.js";
import { defaultLatticeSettings, findLatticeTables, type LatticeSettings } from "./lattice.js";
import { buildRulings, defaultRulingSettings, type RulingSettings } from "./rulings.js";
import { defaultStreamSettings, findStreamTables, type StreamSettings } from "./stream.js";
import type { Table } from "./table.js";

export interface TableSettings {
  rulings: RulingSettings;
  lattice: LatticeSettings;
  stream: StreamSettings;
}

export const defaultTableSettings: TableSettings = {
  rulings: defaultRulingSettings,
  lattice: defaultLatticeSettings,
  stream: defaultStreamSettings,
};

/** Every table of a page, top to bottom. */
export function findTables(page: PageModel, settings: TableSettings = defaultTableSettings): Table[] {
  const { h, v } = buildRulings(page.segments, settings.rulings);
  const lattice = findLatticeTables(page.number, h, v, page.glyphs, settings.lattice);
  return [...lattice, ...findStreamTables(page, lattice, h, settings.stream)].sort((a, b) => a.box.y0 - b.box.y0);
}
