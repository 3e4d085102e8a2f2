/** The numbering labels start with, one pattern for every stage (template matching, borderless rows, OCR). */

/**
 * （三） 三、 2、 2. 2．(a point not followed by a digit: 2.5 is a figure) 2， 1) ①, and the space after it.
 */
export const NUMBERING =
  /^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．，,]|\d+\s*(?:[、)）]|[.．，,](?!\d))|[①②③④⑤⑥⑦⑧⑨⑩])\s*/u;

/** Whether a text starts a numbered label. */
export const startsNumbered = (text: string): boolean => NUMBERING.test(text);

/** A page number as footers and headers print it: 3, - 3 -, — 3 —, 3/6, 第3页, 第 3 页 共 6 页. */
export const isPageNumber = (text: string): boolean =>
  /^(?:[-—–－\s]*\d+[-—–－\s]*|\d+\s*[/／]\s*\d+|第\s*\d+\s*页(?:\s*[，,]?\s*共\s*\d+\s*页)?)$/u.test(text);
