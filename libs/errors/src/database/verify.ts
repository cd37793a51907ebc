/**
 * Registry entries that name no constraint or index in the database: almost always a
 * typo or a renamed migration, and otherwise silent (the rule would simply never fire).
 * Returns one report line per entry, with the closest existing name as a suggestion.
 */
export function unknownConstraintReports(registered: readonly string[], existing: ReadonlySet<string>): string[] {
  const reports: string[] = [];
  for (const name of registered) {
    if (existing.has(name)) continue;
    const suggestion = closest(name, existing);
    reports.push(
      `Database error options map constraint "${name}", but the database has no constraint or index of that name` +
        (suggestion ? `. Did you mean "${suggestion}"?` : '.'),
    );
  }
  return reports;
}

/** The existing name at the smallest edit distance, if it is close enough to be a typo. */
function closest(name: string, candidates: ReadonlySet<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate, bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, giving up early once every cell of a row exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMinimum = Math.min(rowMinimum, current[j]);
    }
    if (rowMinimum >= limit) return limit;
    previous = current;
  }
  return previous[b.length];
}
