/** Which of a set of known names a name written by hand most likely meant (a CSV column, a FollowTheMoney schema). */

/** The edit distance of two short strings (optimal string alignment: an insertion, deletion, change or swap each). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The name among `names` that `written` most likely meant: the same but for case, spaces, dashes and underscores
 * (birth_date for birthDate), else the one closest in spelling, within a slip or two (nationalty for nationality).
 */
export function likelyMeant(written: string, names: Iterable<string>): string | undefined {
  const fold = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');
  const key = fold(written);
  if (key.length === 0 || key.length > 100) return undefined;
  let best: string | undefined;
  let bestDistance = Math.min(2, Math.floor(key.length / 3));
  for (const name of names) {
    if (fold(name) === key) return name;
    const distance = editDistance(key, fold(name));
    if (distance <= bestDistance && (best === undefined || distance < bestDistance)) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}
