/**
 * A cheap second stage between blocking and the full scorer. Blocking ranks persons by the keys they share
 * with the query across all their names at once; this ranks them by how much of a single one of their names the
 * query covers (tokens with the same skeleton, weighted), plus the birth date, using only integer comparisons of
 * interned hashes (the candidate's side unweighted). It lets the engine look at several times more blocking candidates for the price of scoring
 * a few dozen fully.
 */
import { bestDateMatch, DATE_EXACT, DATE_MISMATCH, DATE_NONE } from './dates.js';
import type { NameContext } from './name-match.js';
import type { PersonStore } from './person-store.js';
import type { PreparedQuery } from './score.js';

/** Cheap score of a candidate (higher is better; not comparable with the full score). */
export function quickScore(store: PersonStore, q: PreparedQuery, key: number, ctx: NameContext): number {
  const arena = store.nameArena;
  const cStart = store.nameStart[key]!;
  const cEnd = cStart + store.nameLen[key]!;
  const qh = q.table.skelHash;
  const skel = store.nameSkel;
  const qw = ctx.queryWeight;
  let best = 0;
  let qs = 0;
  for (let qe = 0; qe < q.count; qe++) {
    if (q.names[qe] !== -1) continue;
    let totQ = 0;
    for (let i = qs; i < qe; i++) totQ += qw[q.names[i]!]!;
    let cs = cStart;
    for (let ce = cStart; ce < cEnd; ce++) {
      if (arena[ce] !== -1) continue;
      let gotQ = 0;
      for (let i = qs; i < qe; i++) {
        const h = qh[q.names[i]!]! | 0;
        for (let j = cs; j < ce; j++) {
          if (skel[j] === h) {
            gotQ += qw[q.names[i]!]!;
            break;
          }
        }
      }
      if (gotQ > 0 && ce > cs) {
        // The candidate side unweighted: which share of the name's tokens the query has.
        let gotC = 0;
        for (let j = cs; j < ce; j++) {
          const h = skel[j]!;
          for (let i = qs; i < qe; i++) {
            if ((qh[q.names[i]!]! | 0) === h) {
              gotC++;
              break;
            }
          }
        }
        const s = totQ > 0 ? Math.sqrt(((gotQ / totQ) * gotC) / (ce - cs)) : 0;
        if (s > best) best = s;
      }
      cs = ce + 1;
    }
    qs = qe + 1;
  }
  if (q.birthDate !== 0) {
    const ds = store.dateStart[key]!;
    const d = bestDateMatch(q.birthDate, store.dateArena, ds, ds + store.dateLen[key]!);
    if (d === DATE_EXACT) best += 0.4;
    else if (d === DATE_MISMATCH) best -= 0.2;
    else if (d !== DATE_NONE) best += 0.1;
  }
  return best;
}
