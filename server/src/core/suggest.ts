// "Did you mean": the closest known name to a misspelled one.

/** A name as compared for "did you mean": lower case, without spaces, underscores or dashes. */
export function normalizeName(word: string): string {
  return word.toLowerCase().replace(/[\s_\-]/g, '');
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The candidate closest to `word`, if it is close enough to be a likely typo. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const target = normalizeName(word);
  if (target.length === 0 || target.length > 200) return undefined;
  const allowed = Math.max(2, Math.floor(target.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const normalized = normalizeName(candidate);
    // The distance is at least the difference in length: skip what cannot be close enough.
    if (Math.abs(normalized.length - target.length) > allowed) continue;
    const distance = editDistance(target, normalized);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= allowed ? best : undefined;
}
