/**
 * The standard tables of the annual report, as data: ids (those of categories.json), the template's own labels,
 * and the keywords and label variants the mapper matches against. The mapper, the CSV headers and the docs read this.
 */

/** Columns of money (may have decimals); every other standard column counts things (whole numbers). */
export const AMOUNT_COLUMNS: ReadonlySet<string> = new Set(["amount", "amount_10k_yuan"]);

export type TemplateVersion = "2019" | "2021";
export type TableId = "active_disclosure" | "applications" | "review_litigation";

export interface ColumnDef {
  id: string;
  label: string;
  /** Any of these in a column's header text identifies the column (checked in column order). */
  keys: string[];
}

export interface RowDef {
  id: string;
  label: string;
  /** The label without its group: what the leaf cell of the row says. */
  leaf: string;
  /** Other wordings seen in published reports. */
  variants?: string[];
}

export interface DisclosureGroup {
  label: string;
  rows: RowDef[];
  columns: ColumnDef[];
}

export const TABLE_LABELS: Record<TableId, string> = {
  active_disclosure: "主动公开政府信息情况",
  applications: "收到和处理政府信息公开申请情况",
  review_litigation: "政府信息公开行政复议、行政诉讼情况",
};

const decisions: ColumnDef = { id: "decisions", label: "本年处理决定数量", keys: ["处理决定"] };
const priorItems: ColumnDef = { id: "prior_items", label: "上一年项目数量", keys: ["上一年", "项目数量"] };
const change: ColumnDef = { id: "change", label: "本年增/减", keys: ["增", "减"] };

export const ACTIVE_DISCLOSURE: Record<TemplateVersion, DisclosureGroup[]> = {
  "2021": [
    {
      label: "第二十条第（一）项",
      rows: [
        { id: "rules", label: "规章", leaf: "规章" },
        { id: "normative_documents", label: "行政规范性文件", leaf: "行政规范性文件", variants: ["规范性文件"] },
      ],
      columns: [
        { id: "issued", label: "本年制发件数", keys: ["制发"] },
        { id: "repealed", label: "本年废止件数", keys: ["废止"] },
        { id: "in_force", label: "现行有效件数", keys: ["有效"] },
      ],
    },
    {
      label: "第二十条第（五）项",
      rows: [{ id: "licensing", label: "行政许可", leaf: "行政许可" }],
      columns: [decisions],
    },
    {
      label: "第二十条第（六）项",
      rows: [
        { id: "penalty", label: "行政处罚", leaf: "行政处罚" },
        { id: "enforcement", label: "行政强制", leaf: "行政强制" },
      ],
      columns: [decisions],
    },
    {
      label: "第二十条第（八）项",
      rows: [{ id: "fees", label: "行政事业性收费", leaf: "行政事业性收费" }],
      columns: [{ id: "amount_10k_yuan", label: "本年收费金额（单位：万元）", keys: ["收费金额", "金额"] }],
    },
  ],
  "2019": [
    {
      label: "第二十条第（一）项",
      rows: [
        { id: "rules", label: "规章", leaf: "规章" },
        { id: "normative_documents", label: "规范性文件", leaf: "规范性文件", variants: ["行政规范性文件"] },
      ],
      columns: [
        { id: "made", label: "本年新制作数量", keys: ["制作"] },
        { id: "published", label: "本年新公开数量", keys: ["新公开"] },
        { id: "total_public", label: "对外公开总数量", keys: ["总数量", "对外公开"] },
      ],
    },
    {
      label: "第二十条第（五）项",
      rows: [
        { id: "licensing", label: "行政许可", leaf: "行政许可" },
        { id: "other_services", label: "其他对外管理服务事项", leaf: "其他对外管理服务事项" },
      ],
      columns: [priorItems, change, { ...decisions, label: "处理决定数量" }],
    },
    {
      label: "第二十条第（六）项",
      rows: [
        { id: "penalty", label: "行政处罚", leaf: "行政处罚" },
        { id: "enforcement", label: "行政强制", leaf: "行政强制" },
      ],
      columns: [priorItems, change, { ...decisions, label: "处理决定数量" }],
    },
    {
      label: "第二十条第（八）项",
      rows: [{ id: "fees", label: "行政事业性收费", leaf: "行政事业性收费" }],
      columns: [priorItems, change],
    },
    {
      label: "第二十条第（九）项",
      rows: [{ id: "procurement", label: "政府集中采购", leaf: "政府集中采购" }],
      columns: [
        { id: "items", label: "采购项目数量", keys: ["项目数量"] },
        { id: "amount", label: "采购总金额", keys: ["金额"] },
      ],
    },
  ],
};

/**
 * Words only one template's tables print (its active-disclosure columns): which template a report follows,
 * whatever its year (some 2021 reports still use the 2019 table and the other way round).
 */
export const TEMPLATE_MARKS: Record<TemplateVersion, string[]> = {
  "2021": ["制发件数", "本年制发", "废止件数", "现行有效"],
  "2019": ["新制作数量", "新公开数量", "对外公开总数量", "上一年项目数量"],
};

/** Column headers that are not part of the standard table (a subtotal some agencies add). */
export const EXTRA_COLUMN_KEYS = ["小计", "合计"];

export const APPLICATION_COLUMNS: ColumnDef[] = [
  { id: "natural_person", label: "自然人", keys: ["自然人", "自然"] },
  { id: "commercial", label: "商业企业", keys: ["商业", "企业"] },
  { id: "research", label: "科研机构", keys: ["科研"] },
  { id: "social_welfare", label: "社会公益组织", keys: ["公益"] },
  { id: "legal_service", label: "法律服务机构", keys: ["法律", "服务机构"] },
  { id: "other_org", label: "其他", keys: ["其他"] },
  { id: "total", label: "总计", keys: ["总计", "总"] },
];

const denied = "（三）不予公开";
const unavailable = "（四）无法提供";
const rejected = "（五）不予处理";
const otherHandling = "（六）其他处理";

const rowsHead: RowDef[] = [
  { id: "new_received", label: "一、本年新收政府信息公开申请数量", leaf: "本年新收政府信息公开申请数量" },
  { id: "carried_over", label: "二、上年结转政府信息公开申请数量", leaf: "上年结转政府信息公开申请数量" },
  { id: "granted", label: "（一）予以公开", leaf: "予以公开" },
  {
    id: "partially_granted",
    label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    leaf: "部分公开区分处理的只计这一情形不计其他情形",
  },
  { id: "denied_state_secret", label: `${denied} 1.属于国家秘密`, leaf: "属于国家秘密" },
  { id: "denied_prohibited", label: `${denied} 2.其他法律行政法规禁止公开`, leaf: "其他法律行政法规禁止公开" },
  { id: "denied_security_stability", label: `${denied} 3.危及“三安全一稳定”`, leaf: "危及三安全一稳定" },
  { id: "denied_third_party", label: `${denied} 4.保护第三方合法权益`, leaf: "保护第三方合法权益" },
  { id: "denied_internal_affairs", label: `${denied} 5.属于三类内部事务信息`, leaf: "属于三类内部事务信息" },
  { id: "denied_process_info", label: `${denied} 6.属于四类过程性信息`, leaf: "属于四类过程性信息" },
  { id: "denied_enforcement_files", label: `${denied} 7.属于行政执法案卷`, leaf: "属于行政执法案卷" },
  { id: "denied_query_matters", label: `${denied} 8.属于行政查询事项`, leaf: "属于行政查询事项" },
  { id: "unavailable_not_held", label: `${unavailable} 1.本机关不掌握相关政府信息`, leaf: "本机关不掌握相关政府信息" },
  {
    id: "unavailable_needs_creation",
    label: `${unavailable} 2.没有现成信息需要另行制作`,
    leaf: "没有现成信息需要另行制作",
  },
  { id: "unavailable_unclear", label: `${unavailable} 3.补正后申请内容仍不明确`, leaf: "补正后申请内容仍不明确" },
  { id: "rejected_petition", label: `${rejected} 1.信访举报投诉类申请`, leaf: "信访举报投诉类申请" },
  { id: "rejected_duplicate", label: `${rejected} 2.重复申请`, leaf: "重复申请" },
  { id: "rejected_publication", label: `${rejected} 3.要求提供公开出版物`, leaf: "要求提供公开出版物" },
  { id: "rejected_excessive", label: `${rejected} 4.无正当理由大量反复申请`, leaf: "无正当理由大量反复申请" },
  {
    id: "rejected_confirmation",
    label: `${rejected} 5.要求行政机关确认或重新出具已获取信息`,
    leaf: "要求行政机关确认或重新出具已获取信息",
  },
];
const rowsTail: RowDef[] = [
  { id: "total", label: "（七）总计", leaf: "总计", variants: ["合计"] },
  { id: "carried_forward", label: "四、结转下年度继续办理", leaf: "结转下年度继续办理" },
];

/** （六）其他处理 split into its three rows (2021 template) or printed as one row (2019, and some 2021 reports). */
export const APPLICATION_ROWS: Record<"split" | "single", RowDef[]> = {
  split: [
    ...rowsHead,
    {
      id: "other_no_correction",
      label: `${otherHandling} 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请`,
      leaf: "申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请",
    },
    {
      id: "other_unpaid_fee",
      label: `${otherHandling} 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请`,
      leaf: "申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请",
    },
    { id: "other_other", label: `${otherHandling} 3.其他`, leaf: "其他" },
    ...rowsTail,
  ],
  single: [...rowsHead, { id: "other", label: otherHandling, leaf: "其他处理" }, ...rowsTail],
};

export const REVIEW_ROWS: ColumnDef[] = [
  // Checked in order: the litigation groups before the plain 复议 they also contain.
  { id: "litigation_direct", label: "行政诉讼 未经复议直接起诉", keys: ["未经复议", "直接起诉"] },
  { id: "litigation_after_review", label: "行政诉讼 复议后起诉", keys: ["复议后"] },
  { id: "review", label: "行政复议", keys: ["行政复议", "复议"] },
];

export const REVIEW_COLUMNS: ColumnDef[] = [
  { id: "upheld", label: "结果维持", keys: ["维持"] },
  { id: "corrected", label: "结果纠正", keys: ["纠正"] },
  { id: "other", label: "其他结果", keys: ["其他"] },
  { id: "pending", label: "尚未审结", keys: ["尚未", "审结"] },
  { id: "total", label: "总计", keys: ["总计", "合计", "总"] },
];

/** Every standard cell id of a template, in table order: what a complete report has. */
export function standardCells(
  version: TemplateVersion,
  otherRows: "split" | "single",
): { table: TableId; row: string; column: string; rowLabel: string; columnLabel: string }[] {
  const out: { table: TableId; row: string; column: string; rowLabel: string; columnLabel: string }[] = [];
  for (const g of ACTIVE_DISCLOSURE[version])
    for (const r of g.rows)
      for (const c of g.columns)
        out.push({ table: "active_disclosure", row: r.id, column: c.id, rowLabel: r.label, columnLabel: c.label });
  for (const r of APPLICATION_ROWS[otherRows])
    for (const c of APPLICATION_COLUMNS)
      out.push({ table: "applications", row: r.id, column: c.id, rowLabel: r.label, columnLabel: c.label });
  for (const r of [REVIEW_ROWS[2], REVIEW_ROWS[0], REVIEW_ROWS[1]])
    for (const c of REVIEW_COLUMNS)
      out.push({ table: "review_litigation", row: r.id, column: c.id, rowLabel: r.label, columnLabel: c.label });
  return out;
}
