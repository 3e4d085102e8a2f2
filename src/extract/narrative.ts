/** Figures the prose of a report states about itself, to be compared with its tables. */

import type { Statement } from "../report/types.js";

const NUMBER = "([0-9０-９][0-9０-９,，]*(?:\\.[0-9０-９]+)?)";
const toNumber = (s: string) => Number(s.normalize("NFKC").replace(/,/g, ""));

// Wordings of "we received N applications this year"; the count must follow the noun closely, so that
// "收到申请…其中…3件" does not read a sub-count.
const RECEIVED = new RegExp(
  `(?:共|累计|全年|本年度?|年内)?(?:新)?(?:收到|受理|接收)(?:各类)?(?:政府)?信息公开申请(?:共计|共|总计|合计)?${NUMBER}\\s*(?:件|宗|条|个)`,
  "u",
);
const NONE_RECEIVED = /(?:未|没有)(?:收到|受理|接收)(?:任何)?(?:政府)?信息公开申请/u;
const FEE = new RegExp(`收取(?:政府信息公开)?(?:信息处理费|处理费)(?:共|合计)?${NUMBER}\\s*(万?元)`, "u");
const NO_FEE = /(?:未|没有|不)收取(?:任何)?(?:政府信息公开)?(?:信息处理费|处理费|费用)/u;

const CLAUSE_ENDS = "。；，！？";

/**
 * Where the clause holding `index` begins: after the last clause-ending mark before it (a backward scan, not a regex
 * anchored at the end, which is quadratic on a page of prose).
 */
function clauseStart(text: string, index: number): number {
  for (let i = index - 1; i >= 0; i--) if (CLAUSE_ENDS.includes(text[i])) return i + 1;
  return 0;
}

/** Reads the statements of one page's prose (text outside tables, lines joined). */
export function readStatements(text: string, page: number | null): Statement[] {
  const compact = text.replace(/\s+/g, "");
  const out: Statement[] = [];
  // The clause the figure stands in: from the previous to the next punctuation mark.
  const around = (index: number, length: number) => {
    // A heading run into the sentence ("（二）依申请公开全年…") ends where the sentence begins.
    const before = Math.max(
      clauseStart(compact, index),
      ...[
        ...compact
          .slice(0, index)
          .matchAll(/[（(][一二三四五六七八九十]+[)）][^。；，！？（(]{0,12}?(?=全年|本年|今年|\d{4}年|共|累计)/gu),
      ].map((m) => m.index! + m[0].length),
    );
    const after = compact.slice(index + length).search(/[。；，！？]/u);
    return compact.slice(Math.max(before, index - 30), index + length + (after < 0 ? 0 : Math.min(after, 20)));
  };
  const received = compact.match(RECEIVED);
  if (received?.index !== undefined)
    out.push({
      kind: "applications_received",
      value: toNumber(received[1]),
      text: around(received.index, received[0].length),
      page,
    });
  const none = compact.match(NONE_RECEIVED);
  if (none?.index !== undefined)
    out.push({ kind: "no_applications", value: 0, text: around(none.index, none[0].length), page });
  const fee = compact.match(FEE);
  if (fee?.index !== undefined) {
    const yuan = toNumber(fee[1]) * (fee[2] === "万元" ? 10000 : 1);
    out.push({
      kind: yuan === 0 ? "no_processing_fee" : "processing_fee",
      value: yuan,
      text: around(fee.index, fee[0].length),
      page,
    });
  }
  const noFee = compact.match(NO_FEE);
  if (noFee?.index !== undefined && !fee)
    out.push({ kind: "no_processing_fee", value: 0, text: around(noFee.index, noFee[0].length), page });
  return out;
}
