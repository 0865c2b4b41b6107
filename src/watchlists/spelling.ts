/** Which of a set of known names a name written by hand most likely meant (a CSV column, a FollowTheMoney schema). */
import { editDistance } from '../screening/similarity.js';

/**
 * The name among `names` that `written` most likely meant: the same but for case, spaces, dashes and underscores
 * (birth_date for birthDate), else the one closest in spelling, within a slip or two (nationalty for nationality).
 */
export function likelyMeant(written: string, names: Iterable<string>): string | undefined {
  const fold = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');
  const key = fold(written);
  // The screening's edit distance reads 64 characters at most; no known name is longer.
  if (key.length === 0 || key.length > 64) return undefined;
  let best: string | undefined;
  let bestDistance = Math.min(2, Math.floor(key.length / 3));
  for (const name of names) {
    if (fold(name) === key) return name;
    const distance = editDistance(key, fold(name), bestDistance);
    if (distance <= bestDistance && (best === undefined || distance < bestDistance)) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}
