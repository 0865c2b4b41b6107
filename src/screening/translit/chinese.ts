/**
 * Chinese names written in Latin letters, in Hanyu Pinyin or in Wade–Giles. Pinyin is the standard of the
 * mainland (ISO 7098) and of most lists; Wade–Giles, without its apostrophes and umlauts, is how Taiwan's passports
 * and many older records still write the same names: ZHANG Xiaoming is CHANG Hsiao-ming, MAO Zedong MAO Tse-tung,
 * DENG Xiaoping TENG Hsiao-ping, XU Zhiwei HSU Chih-wei. A word of one to three syllables in a name with a Chinese
 * surname gets the spelling both systems fold to as its alternative (tokens.ts), as Korean names do
 * (translit/korean.ts).
 *
 * The correspondences are those of the published Wade–Giles to Pinyin tables:
 *  - initials: HS is X; TS, TZ are Z or C; SS, SZ are S; CH is ZH, CH, J or Q; J before a, e, o (and JIH) is R;
 *    K, T, P are G, D, B or (with the dropped apostrophe) K, T, P;
 *  - finals: UNG is ONG, IEN IAN, IEH IE, UEH (ÜEH) UE, UEI UI, ERH ER; IH after CH, SH, J is I; U after TZ, SS, SZ
 *    is I (TZU is ZI); O after K and H is E (KO is GE, HO is HE).
 * Folding then writes each pair a dropped apostrophe or the other system leaves apart the same way (foldSyllables:
 * ZH, CH, J, Q as J; X, SH as S; K as G, T as D, P as B; and here C as Z), so aspiration is not compared: a passport
 * without apostrophes does not show it either.
 */
import { foldSyllables } from './korean.js';

/**
 * Common Chinese surnames (general knowledge: the hundred or so that most Chinese people bear), in Pinyin and in
 * their Wade–Giles spelling where it differs. Words of two letters that are as often names or words of other
 * languages (Ma, He, Yu, Hu, Du, Gu, Wu, Ye, Ho, Ko, Lo) count only next to a word that is Chinese too.
 */
const surnames = new Set(
  (
    'wang li zhang chang liu chen yang huang zhao chao zhou chou xu hsu sun zhu chu guo kuo gao kao lin luo ' +
    'zheng cheng liang xie hsieh song sung tang han feng deng teng cao tsao peng zeng tseng xiao hsiao tian tien ' +
    'dong tung yuan pan jiang chiang cai tsai jia chia ding ting wei xue hsueh yan yen ren jen fan fang shi shih ' +
    'yao tan liao zou tsou xiong hsiung jin chin lu hao kong kung bai pai cui tsui kang mao qiu chiu qin gu ' +
    'hou shao meng long lung wan duan tuan lei qian chien yin zhong chung xia hsia dai tai lai qiao chiao zhuang ' +
    'chuang shen wen tao ou lian lien lyu'
  ).split(' '),
);
const shortSurnames = new Set('ma he yu hu du gu wu ye ho ko lo'.split(' '));

/**
 * One to three syllables of Pinyin or Wade–Giles (apostrophes and umlauts gone): an initial (WG's hs, ts, tz, ss,
 * sz among them) and a final (WG's ih, ieh, ien, ueh, uei, ung among them), or ER (ERH) alone.
 */
const chineseWord =
  /^(?:(?:zh|ch|sh|hs|ts|tz|ss|sz|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|iung|ang|eng|ing|ong|ung|uai|uei|iao|ian|ien|ieh|ueh|uan|uen|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|io|ua|uo|ui|ue|ih|a|e|i|o|u)|erh?|[ln]yue?){1,3}$/;

/** Whether a Latin word reads as one to three Chinese syllables, in Pinyin or Wade–Giles. */
export function isChineseWord(word: string): boolean {
  return word.length <= 18 && chineseWord.test(word);
}

/** Whether a Latin word is a common Chinese surname; `short` admits the two-letter ones (see shortSurnames). */
export function isChineseSurname(word: string, short: boolean): boolean {
  return surnames.has(word) || (short && shortSurnames.has(word));
}

/**
 * A Wade–Giles spelling rewritten in Pinyin where the systems differ (a Pinyin word comes back unchanged), and Pinyin's
 * Ü after L and N in the spelling ICAO Doc 9303 gives it (U): LYU, as PRC passports write 吕 since 2012, is LU (N only
 * at the start: JINYU is JIN YU). A Wade–Giles HSÜ that a German-rule transliteration wrote HSUE is HSU (XU): Wade–Giles
 * ends no syllable in UE (its XUE is HSÜEH), so HSUE without an H after it is that Ü.
 */
export function pinyinOf(word: string): string {
  return word
    .replace(/lyu/g, 'lu')
    .replace(/^nyu/, 'nu')
    .replace(/hsue(?!h)/g, 'hsu')
    .replace(/jih/g, 'ri')
    .replace(/(ch|sh)ih/g, '$1i')
    .replace(/(tz|ss|sz)u/g, '$1i')
    .replace(/hs/g, 'x')
    .replace(/ts|tz/g, 'z')
    .replace(/ss|sz/g, 's')
    .replace(/j(?=[aeo])/g, 'r')
    .replace(/ung/g, 'ong')
    .replace(/ien/g, 'ian')
    .replace(/ieh/g, 'ie')
    .replace(/ueh/g, 'ue')
    .replace(/uei/g, 'ui')
    .replace(/erh/g, 'er')
    .replace(/([kh])o(?![nu])/g, '$1e');
}

const folded = new Map<string, string>();
/** Words whose folding is kept (a list's Chinese names repeat a few thousand words; the cache is emptied when full). */
const MAX_FOLDED = 1 << 16;

/** The spelling Pinyin and Wade–Giles forms of a word of Chinese syllables both fold to. */
export function foldChineseRomanisation(word: string): string {
  let f = folded.get(word);
  if (f === undefined) {
    f = foldSyllables(pinyinOf(word).replace(/c(?!h)/g, 'z'));
    if (folded.size >= MAX_FOLDED) folded.clear();
    folded.set(word, f);
  }
  return f;
}
