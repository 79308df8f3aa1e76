// Numbers as PHP prints them back into a numerical answer (phpNumber in the model reads them).
import { phpFloat } from '../../model/index.js';

/** A number as Moodle stores it in a text column (PHP's string conversion). */
export function storedNumber(value: number, integer: boolean): string {
  return integer ? String(value + 0) : phpFloat(value);
}
