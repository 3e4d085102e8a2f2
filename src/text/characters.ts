/**
 * Character normalisation of a text layer. Browser-printed and WPS PDFs often map Chinese characters to their
 * look-alike radical code points (⼈ U+2F08 for 人, ⺠ U+2EA0 for 民): text that reads right on screen but
 * matches nothing. NFKC folds the Kangxi Radicals and the compatibility ideographs; the CJK Radicals
 * Supplement has no decomposition, so it is mapped by Unicode's EquivalentUnifiedIdeograph table.
 */

/** CJK Radicals Supplement → unified ideograph (Unicode EquivalentUnifiedIdeograph.txt, the forms text uses). */
const SUPPLEMENT: Record<string, string> = {
  "⺁": "厂",
  "⺄": "乙",
  "⺅": "亻",
  "⺆": "冂",
  "⺉": "刂",
  "⺊": "卜",
  "⺌": "小",
  "⺎": "兀",
  "⺏": "尣",
  "⺐": "尢",
  "⺒": "巳",
  "⺓": "幺",
  "⺔": "彑",
  "⺖": "忄",
  "⺗": "心",
  "⺘": "扌",
  "⺙": "攵",
  "⺛": "旡",
  "⺜": "日",
  "⺝": "月",
  "⺞": "歺",
  "⺟": "母",
  "⺠": "民",
  "⺡": "氵",
  "⺢": "氺",
  "⺣": "灬",
  "⺤": "爫",
  "⺥": "爫",
  "⺦": "丬",
  "⺧": "牛",
  "⺨": "犭",
  "⺩": "王",
  "⺪": "疋",
  "⺫": "目",
  "⺬": "示",
  "⺭": "礻",
  "⺮": "竹",
  "⺯": "糹",
  "⺰": "纟",
  "⺱": "罓",
  "⺲": "罒",
  "⺶": "羊",
  "⺷": "羊",
  "⺹": "耂",
  "⺺": "肀",
  "⺼": "月",
  "⺾": "艹",
  "⺿": "艹",
  "⻀": "艹",
  "⻁": "虎",
  "⻂": "衤",
  "⻃": "覀",
  "⻄": "西",
  "⻅": "见",
  "⻆": "角",
  "⻈": "讠",
  "⻉": "贝",
  "⻊": "足",
  "⻋": "车",
  "⻌": "辶",
  "⻍": "辶",
  "⻎": "辶",
  "⻏": "阝",
  "⻐": "钅",
  "⻑": "長",
  "⻒": "镸",
  "⻓": "长",
  "⻔": "门",
  "⻕": "阜",
  "⻖": "阝",
  "⻗": "雨",
  "⻘": "青",
  "⻙": "韦",
  "⻚": "页",
  "⻛": "风",
  "⻜": "飞",
  "⻝": "食",
  "⻟": "飠",
  "⻠": "饣",
  "⻢": "马",
  "⻣": "骨",
  "⻤": "鬼",
  "⻥": "鱼",
  "⻦": "鸟",
  "⻧": "卤",
  "⻨": "麦",
  "⻩": "黄",
  "⻪": "黾",
  "⻬": "齐",
  "⻮": "齿",
  "⻰": "龙",
  "⻳": "龟",
};

/** The unified ideograph a radical or compatibility code point stands for; any other character unchanged. */
export function normalizeChar(ch: string): string {
  const c = ch.codePointAt(0) ?? 0;
  if (c < 0x2e80 || (c > 0x2fdf && (c < 0xf900 || c > 0xfaff))) return ch;
  return SUPPLEMENT[ch] ?? ch.normalize("NFKC");
}

/** normalizeChar over a string. */
export function normalizeText(text: string): string {
  let out = "";
  for (const ch of text) out += normalizeChar(ch);
  return out;
}
