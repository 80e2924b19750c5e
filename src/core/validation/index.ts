// Pure validators of values people type in (dates, 身份证号, phone numbers, free text). No I/O, no clock.
export * from './date.ts';
export * from './identity.ts';
export * from './phone.ts';
export * from './text.ts';
