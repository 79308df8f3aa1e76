// Moodle's GIFT format: reading (as qformat_gift imports) and writing (as it exports).
export { parseGift, type GiftParseOptions } from './parse.js';
export type { GiftSiteSettings } from './read.js';
export { readGiftQuestion, type GiftQuestionRead } from './question.js';
export { extractIdnumberAndTags } from './comments.js';
export { serializeGift, writeGiftQuestion } from './write.js';
