/**
 * Version of the extraction: reports made by another version are read again on a rerun. Its own module so
 * the batch's main thread can know it without loading the pipeline (pdf.js and its canvas).
 */
export const EXTRACTOR_VERSION = "0.2.0";
