/** Warnings: every rule with its kind and severity named once, and the one way to make a warning. */

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

/** Every rule a report may carry: what kind of warning it is and how grave (README's warning table lists them). */
export const RULES = {
  "applications.balance": { kind: "consistency", severity: "error" },
  "applications.outcome_sum": { kind: "consistency", severity: "error" },
  "applications.row_total": { kind: "consistency", severity: "error" },
  "review_litigation.row_total": { kind: "consistency", severity: "error" },
  "value.invalid": { kind: "consistency", severity: "error" },
  "narrative.mismatch": { kind: "consistency", severity: "warning" },
  "cross_year.carry_over": { kind: "consistency", severity: "warning" },
  "cross_year.in_force": { kind: "consistency", severity: "info" },
  "table.cells_missing": { kind: "extraction", severity: "error" },
  "value.unreadable": { kind: "extraction", severity: "error" },
  "value.point_as_separator": { kind: "extraction", severity: "warning" },
  "value.unit_converted": { kind: "extraction", severity: "info" },
  "label.loose_match": { kind: "extraction", severity: "warning" },
  "ocr.low_confidence": { kind: "extraction", severity: "warning" },
  "ocr.unverified": { kind: "extraction", severity: "info" },
  "ocr.repaired": { kind: "extraction", severity: "warning" },
  "table.stream_blank": { kind: "extraction", severity: "info" },
  "table.figures_unplaced": { kind: "extraction", severity: "warning" },
  "meta.agency_unverified": { kind: "extraction", severity: "warning" },
  "page.ocr": { kind: "input", severity: "info" },
  "page.needs_ocr": { kind: "input", severity: "warning" },
  "input.too_long": { kind: "input", severity: "warning" },
  "input.picture_not_read": { kind: "input", severity: "warning" },
} as const satisfies Record<string, { kind: WarningKind; severity: Severity }>;

export type RuleId = keyof typeof RULES;

/** A warning of a known rule, its kind and severity those of the rule. */
export function warning(
  rule: RuleId,
  message: string,
  cells: string[] = [],
  pages: number[] = [],
  sides?: Pick<Warning, "left" | "right">,
): Warning {
  return { rule, ...RULES[rule], message, cells, pages, ...sides };
}

/** The pages of some cells (a web page's or Word file's have none), in order. */
export const pagesOf = (refs: { page: number | null }[]): number[] =>
  [...new Set(refs.flatMap((r) => (r.page === null ? [] : [r.page])))].sort((a, b) => a - b);

/** "（第3、4页）" for a message, nothing without pages. */
export const onPages = (pages: number[]): string => (pages.length ? `（第${pages.join("、")}页）` : "");
