/**
 * Japanese kana to Latin by modified Hepburn: katakana is folded onto hiragana, the small ya/yu/yo combine
 * (kya, sho), the small tsu doubles the next consonant and the long-vowel mark is dropped (passports write
 * Ōno as ONO). Kanji are read as Chinese by the CJK module: wrong for Japanese names, but harmless.
 */

const base: Record<string, string> = {
  あ: 'a',
  い: 'i',
  う: 'u',
  え: 'e',
  お: 'o',
  か: 'ka',
  き: 'ki',
  く: 'ku',
  け: 'ke',
  こ: 'ko',
  が: 'ga',
  ぎ: 'gi',
  ぐ: 'gu',
  げ: 'ge',
  ご: 'go',
  さ: 'sa',
  し: 'shi',
  す: 'su',
  せ: 'se',
  そ: 'so',
  ざ: 'za',
  じ: 'ji',
  ず: 'zu',
  ぜ: 'ze',
  ぞ: 'zo',
  た: 'ta',
  ち: 'chi',
  つ: 'tsu',
  て: 'te',
  と: 'to',
  だ: 'da',
  ぢ: 'ji',
  づ: 'zu',
  で: 'de',
  ど: 'do',
  な: 'na',
  に: 'ni',
  ぬ: 'nu',
  ね: 'ne',
  の: 'no',
  は: 'ha',
  ひ: 'hi',
  ふ: 'fu',
  へ: 'he',
  ほ: 'ho',
  ば: 'ba',
  び: 'bi',
  ぶ: 'bu',
  べ: 'be',
  ぼ: 'bo',
  ぱ: 'pa',
  ぴ: 'pi',
  ぷ: 'pu',
  ぺ: 'pe',
  ぽ: 'po',
  ま: 'ma',
  み: 'mi',
  む: 'mu',
  め: 'me',
  も: 'mo',
  や: 'ya',
  ゆ: 'yu',
  よ: 'yo',
  ら: 'ra',
  り: 'ri',
  る: 'ru',
  れ: 're',
  ろ: 'ro',
  わ: 'wa',
  ゐ: 'i',
  ゑ: 'e',
  を: 'o',
  ん: 'n',
  ゔ: 'vu',
  ぁ: 'a',
  ぃ: 'i',
  ぅ: 'u',
  ぇ: 'e',
  ぉ: 'o',
  ゎ: 'wa',
};
const small: Record<string, string> = { ゃ: 'a', ゅ: 'u', ょ: 'o' };

function toHiragana(ch: string): string {
  const cp = ch.codePointAt(0)!;
  return cp >= 0x30a1 && cp <= 0x30f6 ? String.fromCodePoint(cp - 0x60) : ch;
}

/** Romanises a run of hiragana or katakana. */
export function romaniseKana(run: string): string {
  const chars = Array.from(run.normalize('NFKC')).map(toHiragana);
  let out = '';
  let double = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === 'っ') {
      double = true;
      continue;
    }
    let r = base[c];
    if (r === undefined) continue;
    const next = chars[i + 1];
    const y = next === undefined ? undefined : small[next];
    if (y !== undefined && r.endsWith('i') && r.length > 1) {
      // きゃ → kya, しゃ → sha, ちゃ → cha, じゃ → ja
      const stem = r.slice(0, -1);
      r = stem === 'sh' || stem === 'ch' || stem === 'j' ? stem + y : `${stem}y${y}`;
      i++;
    }
    if (double && r.length > 0) r = (r.startsWith('ch') ? 't' : r[0]!) + r;
    double = false;
    out += r;
  }
  // Passports write long vowels single: Tarou / Yuuko → Taro / Yuko.
  return out.replace(/ou|oo/g, 'o').replace(/uu/g, 'u');
}
