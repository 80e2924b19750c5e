// 区分处理 (redaction) of the files a reply discloses: the reasons tied to the 条例, suggestion detectors,
// the page-text geometry of suggestions, and the letter's 区分处理说明. Pure: no I/O, no clock.
export * from './detect.ts';
export * from './layout.ts';
export * from './luhn.ts';
export * from './reasons.ts';
export * from './statement.ts';
