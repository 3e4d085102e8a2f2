export type WarningKind = "consistency" | "extraction" | "input";
export type Severity = "error" | "warning" | "info";

/** One side of a checked relation: the cells and the value they add up to. */
export interface RelationSide {
  cells: string[];
  value: number;
}

export interface Warning {
  rule: string;
  kind: WarningKind;
  severity: Severity;
  message: string;
  /** Cells involved, as table/row/column. */
  cells: string[];
  pages: number[];
  left?: RelationSide;
  right?: RelationSide;
}
