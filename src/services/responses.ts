// Responses as clients send them (opaque choice ids, booleans, texts) and as grading reads them (indices into
// the question model), in both directions. Every problem is reported with its path; nothing is guessed.
import type { Response } from '../model/index.js';
import type { ErrorItem } from './errors.js';
import type { VersionView } from './attempts-view.js';

/** A response on the wire; `null` is an explicit blank, the same as leaving the question out. */
export type WireResponse = string | number | boolean | null | string[] | { [stemId: string]: string | null };

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shapeIssue(path: string, expected: string, value: unknown): ErrorItem {
  return { path, message: `expected ${expected}, got ${describe(value)}` };
}

function unknownChoice(path: string, id: string): ErrorItem {
  return { path, message: `${JSON.stringify(id)} is not a choice of this question` };
}

/**
 * The model response for a wire value, or null for a blank one; undefined when the value does not fit the
 * question (the reasons are added to `issues`, each with its path).
 */
export function toModelResponse(
  version: VersionView,
  value: unknown,
  path: string,
  issues: ErrorItem[],
): Response | null | undefined {
  if (value === null) return null;
  const q = version.question;
  switch (q.type) {
    case 'multichoice': {
      if (q.single) {
        if (typeof value !== 'string') {
          issues.push(shapeIssue(path, 'one choice id (a string) for this one-answer question', value));
          return undefined;
        }
        const index = version.choiceIndex.get(value);
        if (index === undefined) {
          issues.push(unknownChoice(path, value));
          return undefined;
        }
        return { type: 'multichoice', selected: [index] };
      }
      if (!Array.isArray(value)) {
        issues.push(shapeIssue(path, 'an array of choice ids for this several-answer question', value));
        return undefined;
      }
      const before = issues.length;
      const selected: number[] = [];
      value.forEach((id: unknown, i) => {
        const at = `${path}.${i}`;
        if (typeof id !== 'string') return issues.push(shapeIssue(at, 'a choice id (a string)', id));
        const index = version.choiceIndex.get(id);
        if (index === undefined) return issues.push(unknownChoice(at, id));
        if (selected.includes(index)) return issues.push({ path: at, message: `choice ${JSON.stringify(id)} is repeated` });
        selected.push(index);
      });
      if (issues.length > before) return undefined;
      return selected.length === 0 ? null : { type: 'multichoice', selected };
    }
    case 'truefalse':
      if (typeof value !== 'boolean') {
        issues.push(shapeIssue(path, 'true or false', value));
        return undefined;
      }
      return { type: 'truefalse', value };
    case 'numerical':
      if (typeof value === 'number') return { type: 'numerical', text: String(value) };
      if (typeof value !== 'string') {
        issues.push(shapeIssue(path, 'a number, or a string read as Moodle reads numbers', value));
        return undefined;
      }
      return { type: 'numerical', text: value };
    case 'shortanswer':
    case 'essay':
      if (typeof value !== 'string') {
        issues.push(shapeIssue(path, 'a string', value));
        return undefined;
      }
      return { type: q.type, text: value };
    case 'match': {
      if (!isPlainObject(value)) {
        issues.push(shapeIssue(path, 'an object that maps stem ids to choice ids', value));
        return undefined;
      }
      const before = issues.length;
      const selected: (number | null)[] = new Array<number | null>(version.stemIndex.size).fill(null);
      for (const [stemId, choiceId] of Object.entries(value)) {
        const at = `${path}.${stemId}`;
        const stem = version.stemIndex.get(stemId);
        if (stem === undefined) {
          issues.push({ path: at, message: `${JSON.stringify(stemId)} is not a stem of this question` });
          continue;
        }
        if (choiceId === null) continue;
        if (typeof choiceId !== 'string') {
          issues.push(shapeIssue(at, 'a choice id (a string) or null', choiceId));
          continue;
        }
        const choice = version.choiceIndex.get(choiceId);
        if (choice === undefined) issues.push(unknownChoice(at, choiceId));
        else selected[stem] = choice;
      }
      if (issues.length > before) return undefined;
      return selected.every((c) => c === null) ? null : { type: 'match', selected };
    }
    default:
      issues.push({ path, message: `a ${q.type} item takes no response` });
      return undefined;
  }
}

/** The wire form of a stored response, with the choice ids of the version it was given on. */
export function toWireResponse(version: VersionView, response: Response | null): WireResponse {
  if (response === null) return null;
  const ids = version.choiceIds;
  switch (response.type) {
    case 'multichoice': {
      const chosen = response.selected.map((i) => ids.choices[i]).filter((id) => id !== undefined);
      if (version.question.type === 'multichoice' && version.question.single) return chosen[0] ?? null;
      return chosen;
    }
    case 'match': {
      const out: Record<string, string | null> = {};
      response.selected.forEach((choice, stem) => {
        const stemId = ids.stems[stem];
        if (stemId !== undefined) out[stemId] = choice === null ? null : (ids.choices[choice] ?? null);
      });
      return out;
    }
    case 'truefalse':
      return response.value;
    default:
      return response.text;
  }
}

/**
 * A response given on one version, carried over to another by choice and stem ids. `lost` is true when part
 * of it names a choice or stem the new version no longer has, or the question changed type: the response
 * then counts as blank.
 */
export function carryResponse(
  from: VersionView,
  to: VersionView,
  response: Response | null,
): { response: Response | null; lost: boolean } {
  if (response === null) return { response: null, lost: false };
  const blank = { response: null, lost: true };
  if (response.type !== to.question.type) return blank;
  if (response.type === 'multichoice') {
    const selected: number[] = [];
    for (const i of response.selected) {
      const id = from.choiceIds.choices[i];
      const index = id === undefined ? undefined : to.choiceIndex.get(id);
      if (index === undefined) return blank;
      selected.push(index);
    }
    if (to.question.type === 'multichoice' && to.question.single && selected.length > 1) return blank;
    return { response: { type: 'multichoice', selected }, lost: false };
  }
  if (response.type === 'match') {
    const selected: (number | null)[] = new Array<number | null>(to.stemIndex.size).fill(null);
    for (const [stem, choice] of response.selected.entries()) {
      if (choice === null) continue;
      const stemId = from.choiceIds.stems[stem];
      const choiceId = from.choiceIds.choices[choice];
      const newStem = stemId === undefined ? undefined : to.stemIndex.get(stemId);
      const newChoice = choiceId === undefined ? undefined : to.choiceIndex.get(choiceId);
      if (newStem === undefined || newChoice === undefined) return blank;
      selected[newStem] = newChoice;
    }
    return { response: { type: 'match', selected }, lost: false };
  }
  return { response, lost: false };
}
