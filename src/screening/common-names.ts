/**
 * Name tokens that millions of people share, whatever a watchlist says. A list's own frequencies (idf) only know
 * the list: on a list of a few thousand people García or Wei may appear once and look identifying, yet a
 * traveller called Ignacio García or Wei Lin is most likely somebody else of that name. The name scorer caps the
 * informativeness of these tokens (COMMON_INFO), so a name made only of them needs more evidence (a birth date,
 * a document) to become a match; they still count fully for coverage and ranking.
 *
 * The entries are the most frequent given names and surnames of the regions Lodestar's operations cover, from
 * national name statistics, written as the scorer's ASCII forms (lower case, no spaces or hyphens) with their
 * usual spellings. Arabic- and Hebrew-script names are matched by consonant skeleton (see COMMON_SKELETONS),
 * as their romanisation from that script drops the short vowels.
 */
import type { TokenTable } from './token-table.js';
import { TOKEN_LOSSY, TOKEN_SYLLABIC } from './tokens.js';

const latin = `
aaron abdul abdel abdallah abdullah abdulla abdellah abu adam adel adil ahmad ahmed ahmet akhmed alejandro alexander
alexandre alexandr aleksandr alexei aleksei alexey aleksey ali alice alberto amal amin amina amir ana andrea andre andres
andrei andrey andrew angel angela anna anne antonio ashok avraham bakr bashir ben bin bing bo carlos catherine chang
charles chen cheng chi chong chun cristina daniel david dmitri dmitry eduardo elena elizabeth emma eric fatima fatma
felipe fernando francisco gabriel george giuseppe hamid hamza hassan hasan hussein husain hussain husayn ibrahim igor
ivan jaime james jan javier jean jesus jin jing john jorge jose joseph juan julio karim khaled khalid kumar laura lei li
lin ling luis maria mario mark martin mary michael miguel mikhail min ming mohamed mohammed mohammad muhammad muhammed
mohamad mahmoud mahmud mustafa mostafa nikolai nikolay olga omar oscar pablo paul pedro peter ping qiang rafael raj
ramon ricardo robert roberto ruslan said saeed saleh salem salim sami sarah sergei sergey sofia song sun sunil tatiana
thomas umar vladimir wei william xin yan yang ying yong yu yusuf yousef youssef zhong
garcia rodriguez gonzalez gonzales fernandez lopez martinez sanchez perez gomez martin jimenez ruiz hernandez diaz
moreno alvarez romero alonso gutierrez navarro torres dominguez vazquez vasquez ramos gil ramirez serrano blanco molina
morales suarez ortega delgado castro ortiz rubio marin sanz nunez iglesias medina garrido cortes castillo santos
lozano guerrero cano prieto mendez mendoza cruz flores rivera reyes aguilar herrera chavez silva souza oliveira
pereira costa ferreira alves rocha ribeiro carvalho almeida lima araujo smith johnson williams brown jones miller
davis wilson anderson taylor thomas moore jackson white harris thompson clark lewis robinson walker young allen king
wright scott green baker adams nelson hill campbell mitchell roberts carter phillips evans turner parker collins
edwards stewart morris murphy cook rogers morgan cooper peterson bailey reed kelly howard cox ward richardson watson
brooks wood james bennett gray hughes price sanders myers long ross foster nguyen tran le pham hoang huynh phan vu vo
dang bui do ho ngo duong ly wang zhang liu zhao huang zhou wu xu ma hu guo he gao lin luo zheng liang xie tang han
cao deng feng zeng peng cai pan yuan dong jiang su lu kim lee park choi jung kang cho yoon jang lim shin oh seo kwon
hwang ahn yoo jeon hong ko moon son bae baek heo nam shim noh ha kwak sung cha joo woo min ryu na jin ri pak
singh kumar sharma devi yadav das khan shah patel gupta ali ahmed hussain iqbal akhtar begum rahman islam hossain
ivanov ivanova smirnov smirnova kuznetsov kuznetsova popov popova vasiliev vasilyev petrov petrova sokolov mikhailov
novikov fedorov morozov volkov alekseev lebedev semenov egorov pavlov kozlov stepanov nikolaev orlov andreev makarov
mueller muller schmidt schneider fischer weber meyer wagner becker schulz hoffmann rossi russo ferrari esposito bianchi
romano colombo ricci marino greco bruno gallo conti costa giordano mancini rizzo lombardi moretti yilmaz kaya demir
sahin celik yildiz yildirim ozturk aydin ozdemir arslan dogan kilic aslan cetin kara koc kurt ozkan simsek
abdi hassan mohamud farah ali omar yusuf osman aden warsame
`;

/** Consonant skeletons (as tokens from Arabic or Hebrew script carry them) of the commonest Arabic names. */
const skeletons = `
MHMD HMD L HSN BRHM MR SF BDL BDRHMN HLD SD SLH BKR SLM KRM MSTF HMZ FTM MN BD JML
`;

/** The ASCII forms above, as a set. */
const COMMON_TOKENS: ReadonlySet<string> = new Set(latin.split(/\s+/).filter((t) => t !== ''));

/** The skeletons above, as a set. */
const COMMON_SKELETONS: ReadonlySet<string> = new Set(skeletons.split(/\s+/).filter((t) => t !== ''));

/** Most informativeness a common token carries, in the units of PersonIndex.idf (1 = unique). */
export const COMMON_INFO = 0.3;

/** Most informativeness one Chinese or Korean syllable carries (see populationInfo). */
export const SYLLABLE_INFO = 0.25;

/**
 * The most informativeness a query token can carry whatever the list says: a Chinese or Korean syllable, or one
 * of the world's commonest names, is shared by millions (see common-names.ts).
 */
export function populationInfo(table: TokenTable, id: number): number {
  const flags = table.flags[id]!;
  if ((flags & TOKEN_SYLLABIC) !== 0) return SYLLABLE_INFO * syllables(table.ascii[id]!);
  const common =
    (flags & TOKEN_LOSSY) !== 0 ? COMMON_SKELETONS.has(table.skel[id]!) : COMMON_TOKENS.has(table.ascii[id]!);
  return common ? COMMON_INFO : 1;
}

/** Syllables of a romanised Chinese or Korean token: its vowel groups (jeongsik 2, zhang 1, guifang 2). */
function syllables(ascii: string): number {
  let n = 0;
  let inVowel = false;
  for (let i = 0; i < ascii.length; i++) {
    const c = ascii.charCodeAt(i);
    const vowel = c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121;
    if (vowel && !inVowel) n++;
    inVowel = vowel;
  }
  return Math.max(1, n);
}
