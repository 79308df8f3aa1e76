// PHP's rounding for display (round(), number_format(), format_float()): PHP first rounds the double to 15
// significant digits, then rounds that decimal value half away from zero, so 1.005 → 1.01 and 2.675 → 2.68
// where Number#toFixed gives 1.00 and 2.67, and −2.5 → −3 where Math.round gives −2.

/**
 * `value` rounded to `places` decimals as PHP's number_format(value, places, '.', '') prints it: exactly
 * `places` decimals, no thousands separator, and no minus sign on a result that rounds to zero.
 */
export function formatFixed(value: number, places: number): string {
  if (!Number.isInteger(places) || places < 0 || places > 20) throw new RangeError(`places must be 0..20, got ${places}`);
  if (!Number.isFinite(value)) return String(value);
  const [mantissa, exponentText] = Math.abs(value).toExponential(14).split('e') as [string, string];
  const digits = mantissa.replace('.', ''); // 15 significant digits: |value| = digits × 10^(exponent − 14)
  const shift = Number(exponentText) - 14 + places; // |value| × 10^places = digits × 10^shift
  let scaled: bigint;
  if (shift >= 0) {
    scaled = BigInt(digits) * 10n ** BigInt(shift);
  } else if (-shift > digits.length) {
    scaled = 0n;
  } else {
    const kept = digits.slice(0, digits.length + shift);
    scaled = BigInt(kept === '' ? '0' : kept);
    if (digits[digits.length + shift]! >= '5') scaled += 1n;
  }
  const text = scaled.toString().padStart(places + 1, '0');
  const sign = value < 0 && scaled !== 0n ? '-' : '';
  return places === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -places)}.${text.slice(-places)}`;
}

/** PHP's round(value, places) as a number. */
export function phpRound(value: number, places: number): number {
  return Number(formatFixed(value, places));
}
