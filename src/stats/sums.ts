// Accurate means for long columns (Neumaier's compensated sum), and Moodle's percentage of the quiz total.

/** Neumaier-compensated sum of a[0, n). */
export function compensatedSum(a: Float64Array, n: number): number {
  let sum = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i]!;
    const t = sum + v;
    c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + c;
}

/** The percentage Moodle shows for a raw mark (quiz_report_scale_summarks_as_percentage, unrounded). */
export function percentOfTotal(value: number | null, quizSumGrades: number): number | null {
  if (value === null || quizSumGrades === 0) return null;
  return (value * 100) / quizSumGrades;
}
