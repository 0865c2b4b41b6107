/**
 * Greek to Latin after ELOT 743 (the scheme ICAO 9303 adopts for Greek passports): αυ/ευ become AV/EV (AF/EF
 * before voiceless consonants), ου OU, μπ at a word start B, ντ D, γγ/γκ NG. Accents are removed before the lookup.
 * At a word start γκ is G (BGN/PCGN 1962, and how Greeks write it in English: Γκίκας is Gikas); ELOT 743 writes it
 * GK (Gkikas, the passport form), which greekAlternative gives as the word's other spelling.
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
    } else if (c === 'γ' && n === 'κ' && i === 0) {
      out += 'g';
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

/**
 * The ELOT 743 spelling of a word romanised by romaniseGreek where it differs from it (a word-initial γκ is GK
 * there, G in romaniseGreek), else undefined.
 */
export function greekAlternative(run: string, romanised: string): string | undefined {
  return run.startsWith('γκ') && romanised.startsWith('g') ? 'gk' + romanised.slice(1) : undefined;
}
