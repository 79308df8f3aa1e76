// `npm run bench -- formats`: a generated bank of 10,000 questions of every type, as GIFT and as Moodle XML.
// In one process and one run: our GIFT parse against gift-pegjs on the same file, our Moodle XML import against a
// bare xml2js parse of the same file, and the export time of each format. Ratios come from the same run.
import giftPeg from 'gift-pegjs';
import xml2js from 'xml2js';
import { parseGift, serializeGift } from '../src/formats/gift/index.js';
import { parseMoodleXml, serializeMoodleXml } from '../src/formats/moodle-xml/index.js';
import { XML2JS_OPTIONS } from '../src/formats/moodle-xml/xml-tree.js';
import { generateBank } from './bank-generator.js';
import { measure, printTable } from './measure.js';

const COUNT = 10_000;

export async function run(): Promise<void> {
  const questions = generateBank(COUNT);
  const bank = { questions };
  const gift = serializeGift(bank).text;
  const xml = serializeMoodleXml(bank).text;
  const giftParsed = parseGift(gift);
  const xmlParsed = parseMoodleXml(xml);
  if (giftParsed.questions.length !== COUNT || xmlParsed.questions.length !== COUNT) {
    throw new Error(`the generated bank did not read back whole (GIFT ${giftParsed.questions.length}, XML ${xmlParsed.questions.length})`);
  }
  // The baselines must read the same files: check they do before timing them.
  if (giftPeg.parse(gift).filter((q) => q.type !== 'Category').length !== COUNT) throw new Error('gift-pegjs did not read the file');

  const bareXml2js = () =>
    new Promise<void>((resolve, reject) => xml2js.parseString(xml, XML2JS_OPTIONS, (err) => (err ? reject(err) : resolve())));

  const giftOurs = await measure('GIFT parse (qbank)', () => parseGift(gift));
  const giftPeer = await measure('GIFT parse (gift-pegjs 1.0.2)', () => giftPeg.parse(gift));
  const xmlOurs = await measure('Moodle XML import (qbank)', () => parseMoodleXml(xml));
  const xmlBare = await measure('Moodle XML bare xml2js parse', bareXml2js);
  const giftOut = await measure('GIFT export (qbank)', () => serializeGift(bank));
  const xmlOut = await measure('Moodle XML export (qbank)', () => serializeMoodleXml(bank));

  printTable(
    `${COUNT} questions; GIFT ${(gift.length / 1e6).toFixed(1)} MB, XML ${(xml.length / 1e6).toFixed(1)} MB; median of the runs`,
    [giftOurs, giftPeer, xmlOurs, xmlBare, giftOut, xmlOut],
  );
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  console.log(`GIFT parse: qbank is ${ratio(giftPeer.median, giftOurs.median)}× faster than gift-pegjs (target ≥ 10×)`);
  console.log(`Moodle XML import: ${ratio(xmlOurs.median, xmlBare.median)}× a bare xml2js parse (target ≤ 1.3×)`);
  console.log(`Export of ${COUNT}: GIFT ${giftOut.median.toFixed(0)} ms, Moodle XML ${xmlOut.median.toFixed(0)} ms (target ≤ 200 ms each)`);
}
