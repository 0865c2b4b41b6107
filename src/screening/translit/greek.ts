/**
 * Greek to Latin after ELOT 743 (the scheme ICAO 9303 adopts for Greek passports): αυ/ευ become AV/EV (AF/EF
 * before voiceless consonants), ου OU, μπ at a word start B, γγ/γκ NG. Accents are removed before the lookup.
 */

const single: Record<string, string> = {
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
};
const voiceless = new Set(['θ', 'κ', 'ξ', 'π', 'σ', 'ς', 'τ', 'φ', 'χ', 'ψ']);

/** Romanises a run of lower-case Greek letters. */
export function romaniseGreek(run: string): string {
  const s = run.normalize('NFD').replace(/\p{M}/gu, '');
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const n = s[i + 1];
    if ((c === 'α' || c === 'ε') && n === 'υ') {
      const after = s[i + 2];
      out += (c === 'α' ? 'a' : 'e') + (after !== undefined && voiceless.has(after) ? 'f' : 'v');
      i++;
    } else if (c === 'ο' && n === 'υ') {
      out += 'ou';
      i++;
    } else if (c === 'μ' && n === 'π') {
      out += i === 0 ? 'b' : 'mp';
      i++;
    } else if (c === 'ν' && n === 'τ') {
      out += i === 0 ? 'd' : 'nt';
      i++;
    } else if (c === 'γ' && (n === 'γ' || n === 'κ' || n === 'ξ' || n === 'χ')) {
      out += 'n';
    } else {
      out += single[c] ?? '';
    }
  }
  return out;
}
