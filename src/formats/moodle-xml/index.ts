// Moodle XML, read and written as Moodle's qformat_xml does.
export { parseMoodleXml, DEFAULT_MAX_DEPTH, type MoodleXmlParseOptions } from './parse.js';
export { serializeMoodleXml } from './serialize.js';
export { writeMoodleXmlQuestion } from './write.js';
export { xmlEscape } from './escape.js';
