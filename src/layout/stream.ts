import type { PageModel } from "../pdf/types.js";
import type { Ruling } from "./rulings.js";
import type { Table } from "./table.js";

export function findStreamTables(page: PageModel, lattice: Table[], h: Ruling[]): Table[] {
  void page;
  void lattice;
  void h;
  return [];
}
