export * from './divisions.js';
export * from './id-number.js';
export * from './credit-code.js';
export * from './phone.js';
export * from './names.js';
export * from './address.js';
export * from './plausibility.js';
