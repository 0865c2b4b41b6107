/**
 * Chinese characters to Hanyu Pinyin without tones (the romanisation of PRC passports), through the
 * pinyin-pro dictionary with its surname readings (单 as a surname is Shan). A run of two to four characters
 * is read as a name: the surname (one character, or a two-character compound such as 欧阳) becomes one word
 * and the given name another, "Xi Jinping". Spacing and order variants are left to the index and scorer.
 */
import { pinyin } from 'pinyin-pro';

const compoundSurnames = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '令狐',
  '慕容',
  '司徒',
  '夏侯',
  '公孙',
  '长孙',
  '宇文',
  '尉迟',
  '澹台',
  '端木',
  '轩辕',
  '百里',
  '呼延',
  '独孤',
  '西门',
  '南宫',
  '万俟',
  '闻人',
  '公冶',
  '申屠',
  '太史',
  '钟离',
]);

/**
 * Each character's syllable, lower case a–z. Pinyin's ü (吕 lü, 女 nü) is written U, as ICAO Doc 9303 and the
 * passports before 2012 write it (LU); PRC passports now write LYU, Hanyu Pinyin LÜ. The Chinese folding meets
 * them all (translit/chinese.ts, pinyinOf). pinyin-pro's "v" spelling (lv, nv) was what no document writes.
 */
function syllables(text: string): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', surname: 'head' })
    .map((s) => s.replace(/ü/g, 'u').replace(/[^a-z]/g, ''))
    .filter((s) => s.length > 0);
}

/**
 * Romanises a run of Han characters in lower-case pinyin. A run that is the whole name is split into surname
 * and given name; a run that is one part of a spaced name ("建国 王") stays one word.
 */
export function romaniseHan(run: string, wholeName: boolean): string {
  const chars = Array.from(run);
  if (wholeName && chars.length >= 2 && chars.length <= 4) {
    const split = chars.length >= 3 && compoundSurnames.has(chars[0]! + chars[1]!) ? 2 : 1;
    const surname = syllables(chars.slice(0, split).join('')).join('');
    const given = syllables(chars.slice(split).join('')).join('');
    return `${surname} ${given}`;
  }
  return syllables(run).join('');
}
