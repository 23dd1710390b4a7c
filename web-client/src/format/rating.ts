const score = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Ratings are 0–5; out-of-range values from a misbehaving service are clamped. */
export function clampScore(value: number): number {
  return Math.min(5, Math.max(0, value));
}

/** `4,8` */
export function formatScore(value: number): string {
  return score.format(clampScore(value));
}

/** Five stars, each full, half or empty, for a score rounded to the nearest half. */
export function starFill(value: number): Array<'full' | 'half' | 'empty'> {
  const halves = Math.round(clampScore(value) * 2);
  return Array.from({ length: 5 }, (_, i) => (halves >= (i + 1) * 2 ? 'full' : halves === i * 2 + 1 ? 'half' : 'empty'));
}
