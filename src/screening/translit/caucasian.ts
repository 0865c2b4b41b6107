/**
 * Georgian (national romanisation of 2002, used on Georgian passports) and Armenian (the passport system,
 * close to BGN/PCGN) to Latin. Ejective and aspirated consonants fold to their plain letter, as passports do.
 */

const georgian: Record<string, string> = {
  ა: 'a',
  ბ: 'b',
  გ: 'g',
  დ: 'd',
  ე: 'e',
  ვ: 'v',
  ზ: 'z',
  თ: 't',
  ი: 'i',
  კ: 'k',
  ლ: 'l',
  მ: 'm',
  ნ: 'n',
  ო: 'o',
  პ: 'p',
  ჟ: 'zh',
  რ: 'r',
  ს: 's',
  ტ: 't',
  უ: 'u',
  ფ: 'p',
  ქ: 'k',
  ღ: 'gh',
  ყ: 'q',
  შ: 'sh',
  ჩ: 'ch',
  ც: 'ts',
  ძ: 'dz',
  წ: 'ts',
  ჭ: 'ch',
  ხ: 'kh',
  ჯ: 'j',
  ჰ: 'h',
};

const armenian: Record<string, string> = {
  ա: 'a',
  բ: 'b',
  գ: 'g',
  դ: 'd',
  ե: 'e',
  զ: 'z',
  է: 'e',
  ը: 'y',
  թ: 't',
  ժ: 'zh',
  ի: 'i',
  լ: 'l',
  խ: 'kh',
  ծ: 'ts',
  կ: 'k',
  հ: 'h',
  ձ: 'dz',
  ղ: 'gh',
  ճ: 'ch',
  մ: 'm',
  յ: 'y',
  ն: 'n',
  շ: 'sh',
  ո: 'o',
  չ: 'ch',
  պ: 'p',
  ջ: 'j',
  ռ: 'r',
  ս: 's',
  վ: 'v',
  տ: 't',
  ր: 'r',
  ց: 'ts',
  ւ: 'v',
  փ: 'p',
  ք: 'k',
  օ: 'o',
  ֆ: 'f',
  և: 'ev',
};

/** Romanises a run of Georgian letters (Mkhedruli; Mtavruli capitals fold to it). */
export function romaniseGeorgian(run: string): string {
  let out = '';
  for (const ch of run) {
    const cp = ch.codePointAt(0)!;
    // Mtavruli (U+1C90…) mirrors Mkhedruli (U+10D0…).
    const c = cp >= 0x1c90 && cp <= 0x1cbf ? String.fromCodePoint(cp - 0x1c90 + 0x10d0) : ch;
    out += georgian[c] ?? '';
  }
  return out;
}

/** Romanises a run of lower-case Armenian letters: ու is U, ե at a word start YE, ո at a word start VO. */
export function romaniseArmenian(run: string): string {
  let out = '';
  const s = Array.from(run);
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === 'ո' && s[i + 1] === 'ւ') {
      out += 'u';
      i++;
    } else if (i === 0 && c === 'ե') out += 'ye';
    else if (i === 0 && c === 'ո') out += 'vo';
    else out += armenian[c] ?? '';
  }
  return out;
}
