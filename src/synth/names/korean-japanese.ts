/**
 * Korean names in Hangul with Revised Romanisation, McCune–Reischauer and the customary passport spellings
 * (이 → Lee / Yi / Rhee / I, 박 → Park / Pak / Bak, 김 → Kim / Gim, 최 → Choi / Choe), given names composed from
 * two syllables (Minjun / Min-jun / Min Jun); and Japanese names in kanji (a few in kana) with Hepburn and the
 * long-vowel spellings of passports (Satō → Sato / Satou / Satoh).
 */
import { defineCulture, plainSurnames } from './build.js';
import { capitalise, nativePool, unique } from './pool.js';
import type { NamePart } from './types.js';
import type { Rng } from '../prng.js';

const koSurnames = nativePool(`
김=Kim/Gim; 이=Lee/Yi/Rhee/I/Rhie; 박=Park/Pak/Bak; 최=Choi/Choe/Chey; 정=Jung/Jeong/Chung/Chong; 강=Kang/Gang;
조=Cho/Jo/Joh; 윤=Yoon/Yun; 장=Jang/Chang; 임=Lim/Im/Rim; 한=Han; 오=Oh/O; 서=Seo/Suh/So; 신=Shin/Sin; 권=Kwon/Gwon;
황=Hwang; 안=Ahn/An; 송=Song; 류=Ryu/Yoo/Yu/Ryoo; 전=Jeon/Chun/Jun; 홍=Hong; 고=Ko/Go; 문=Moon/Mun; 양=Yang;
손=Son/Sohn; 배=Bae/Pae; 백=Baek/Paek/Paik; 허=Heo/Hur/Huh; 유=Yoo/Yu; 남=Nam; 심=Shim/Sim; 노=Noh/No/Roh; 하=Ha;
곽=Kwak/Gwak; 성=Sung/Seong; 차=Cha; 주=Joo/Ju/Chu; 우=Woo/U; 구=Koo/Gu/Ku; 민=Min; 나=Na/Ra; 진=Jin/Chin;
지=Ji/Chi; 엄=Eom/Um/Uhm; 채=Chae; 원=Won; 천=Cheon/Chun; 방=Bang/Pang; 공=Kong/Gong; 현=Hyun/Hyeon`);

/** Given-name syllables: Hangul, Revised Romanisation, McCune–Reischauer (breves dropped), popular spelling. */
const syllables = `민:min:min:min 준:jun:chun:joon 서:seo:so:seo 연:yeon:yon:yeon 지:ji:chi:ji 현:hyeon:hyon:hyun
  우:u:u:woo 영:yeong:yong:young 수:su:su:soo 진:jin:chin:jin 호:ho:ho:ho 성:seong:song:sung 은:eun:un:eun
  하:ha:ha:ha 윤:yun:yun:yoon 혜:hye:hye:hye 재:jae:chae:jae 동:dong:tong:dong 경:gyeong:kyong:kyung 상:sang:sang:sang
  훈:hun:hun:hoon 석:seok:sok:suk 철:cheol:chol:chul 태:tae:tae:tae 희:hui:hui:hee 주:ju:chu:joo 아:a:a:ah
  미:mi:mi:mi 정:jeong:chong:jung 숙:suk:suk:sook 혁:hyeok:hyok:hyuk 용:yong:yong:yong 규:gyu:kyu:kyu 도:do:to:do
  건:geon:kon:gun 빈:bin:pin:bin 예:ye:ye:ye 원:won:won:won 명:myeong:myong:myung 기:gi:ki:ki 승:seung:sung:seung
  일:il:il:il 환:hwan:hwan:hwan 범:beom:pom:bum 채:chae:chae:chae 소:so:so:so 린:rin:rin:lin 다:da:ta:da`
  .trim()
  .split(/\s+/)
  .map((s) => s.split(':') as [string, string, string, string]);

function koreanGiven(rng: Rng): NamePart {
  const a = rng.pick(syllables);
  let b = rng.pick(syllables);
  if (b[0] === a[0]) b = rng.pick(syllables);
  const rr = [a[1], b[1]];
  // McCune–Reischauer voices a medial plosive (Chi-hun → Jihun in RR, Chihun in MR): keep it simple and unvoiced.
  const mr = [a[2], b[2]];
  const pop = [a[3], b[3]];
  return {
    native: a[0] + b[0],
    latin: unique([
      capitalise(rr.join('')),
      `${capitalise(rr[0]!)}-${rr[1]!}`,
      `${capitalise(rr[0]!)} ${capitalise(rr[1]!)}`,
      `${capitalise(pop[0]!)}-${pop[1]!}`,
      `${capitalise(pop[0]!)}-${capitalise(pop[1]!)}`,
      capitalise(mr.join('')),
      `${capitalise(mr[0]!)}-${mr[1]!}`,
    ]),
  };
}

/** Korean: surname first, a two-syllable given name. */
export const korean = defineCulture({
  key: 'korean',
  script: 'Hang',
  countries: [
    ['KOR', 85],
    ['PRK', 10],
    ['USA', 5],
  ],
  male: [],
  female: [],
  surnames: plainSurnames(koSurnames),
  surnameFirst: true,
  nativeJoin: '',
  givenName: (rng) => koreanGiven(rng),
});

/** Passport spellings of a Hepburn romanisation with macrons: Satō → Sato, Satou, Satoh. */
export function hepburnVariants(macron: string): string[] {
  const plain = macron.replace(/ō/g, 'o').replace(/ū/g, 'u').replace(/Ō/g, 'O').replace(/Ū/g, 'U');
  const ou = macron.replace(/ō/g, 'ou').replace(/ū/g, 'uu').replace(/Ō/g, 'Ou').replace(/Ū/g, 'Uu');
  const oh = macron
    .replace(/ō(?=$|[^aeiou])/g, 'oh')
    .replace(/Ō/g, 'Oh')
    .replace(/ō/g, 'o')
    .replace(/ū/g, 'u');
  return unique([plain, oh, ou, macron]);
}

function japanesePool(text: string): NamePart[] {
  return nativePool(text).map((p) => ({ native: p.native, latin: hepburnVariants(p.latin[0]!) }));
}

const jaSurnames = japanesePool(`
佐藤=Satō; 鈴木=Suzuki; 高橋=Takahashi; 田中=Tanaka; 伊藤=Itō; 渡辺=Watanabe; 山本=Yamamoto; 中村=Nakamura;
小林=Kobayashi; 加藤=Katō; 吉田=Yoshida; 山田=Yamada; 佐々木=Sasaki; 山口=Yamaguchi; 松本=Matsumoto; 井上=Inoue;
木村=Kimura; 林=Hayashi; 斎藤=Saitō; 清水=Shimizu; 山崎=Yamazaki; 森=Mori; 池田=Ikeda; 橋本=Hashimoto; 阿部=Abe;
石川=Ishikawa; 山下=Yamashita; 中島=Nakajima; 石井=Ishii; 小川=Ogawa; 前田=Maeda; 岡田=Okada; 長谷川=Hasegawa;
藤田=Fujita; 後藤=Gotō; 近藤=Kondō; 村上=Murakami; 遠藤=Endō; 青木=Aoki; 坂本=Sakamoto; 福田=Fukuda; 太田=Ōta;
西村=Nishimura; 藤井=Fujii; 金子=Kaneko; 岡本=Okamoto; 藤原=Fujiwara; 中野=Nakano; 三浦=Miura; 原田=Harada;
中川=Nakagawa; 松田=Matsuda; 竹内=Takeuchi; 小野=Ono; 田村=Tamura; 中山=Nakayama; 和田=Wada; 石田=Ishida;
森田=Morita; 上田=Ueda; 原=Hara; 内田=Uchida; 柴田=Shibata; 酒井=Sakai; 宮崎=Miyazaki; 横山=Yokoyama; 高木=Takagi;
安藤=Andō; 宮本=Miyamoto; 大野=Ōno; 小島=Kojima; 工藤=Kudō; 谷口=Taniguchi; 今井=Imai; 高田=Takada; 丸山=Maruyama;
増田=Masuda; 杉山=Sugiyama; 村田=Murata; 大塚=Ōtsuka; 小山=Koyama; 平野=Hirano; 藤本=Fujimoto; 河野=Kōno;
上野=Ueno; 野口=Noguchi; 武田=Takeda; 松井=Matsui; 千葉=Chiba; 岩崎=Iwasaki; 菅原=Sugawara; 木下=Kinoshita;
久保=Kubo; 佐野=Sano; 野村=Nomura; 松尾=Matsuo; 市川=Ichikawa; 菊地=Kikuchi; 杉本=Sugimoto; 古川=Furukawa;
大西=Ōnishi; 島田=Shimada; 水野=Mizuno; 桜井=Sakurai; 高野=Takano; 吉川=Yoshikawa; 山内=Yamauchi; 西田=Nishida;
飯田=Iida; 西川=Nishikawa; 小松=Komatsu; 北村=Kitamura; 安田=Yasuda; 五十嵐=Igarashi; 川口=Kawaguchi; 平田=Hirata;
関=Seki; 服部=Hattori; 東=Higashi; 岩田=Iwata; 土屋=Tsuchiya; 福島=Fukushima; 辻=Tsuji; 樋口=Higuchi; 秋山=Akiyama;
荒木=Araki; 永井=Nagai; 松岡=Matsuoka; 大久保=Ōkubo; 野田=Noda; 小池=Koike; 浅野=Asano; 大橋=Ōhashi; 熊谷=Kumagai`);

const jaMale = japanesePool(`
翔太=Shōta; 健太=Kenta; 大輔=Daisuke; 拓也=Takuya; 翔=Shō; 蓮=Ren; 大樹=Daiki; 陸=Riku; 悠真=Yūma; 湊=Minato;
健=Ken; 誠=Makoto; 浩=Hiroshi; 隆=Takashi; 直樹=Naoki; 和也=Kazuya; 達也=Tatsuya; 亮=Ryō; 学=Manabu; 修=Osamu;
剛=Tsuyoshi; 淳=Jun; 一郎=Ichirō; 健一=Kenichi; 太郎=Tarō; 雄一=Yūichi; 秀樹=Hideki; 正=Tadashi; 勇=Isamu;
翼=Tsubasa; 颯太=Sōta; 悠斗=Yūto; 陽翔=Haruto; 樹=Itsuki; 優=Yū; 光=Hikaru; 聡=Satoshi; 進=Susumu; 稔=Minoru;
大和=Yamato; 海斗=Kaito; 蒼=Aoi; 悠人=Yūto; 弘=Hiroshi; 茂=Shigeru; 清=Kiyoshi; 昭=Akira; 哲也=Tetsuya`);
const jaFemale = japanesePool(`
陽菜=Hina; 結衣=Yui; 葵=Aoi; さくら=Sakura; 美咲=Misaki; 愛=Ai; 彩=Aya; 優子=Yūko; 恵子=Keiko; 久美子=Kumiko;
直美=Naomi; 由美=Yumi; 真由美=Mayumi; 明美=Akemi; 智子=Tomoko; 洋子=Yōko; 幸子=Sachiko; 京子=Kyōko; 舞=Mai;
七海=Nanami; 美穂=Miho; 香織=Kaori; 奈々=Nana; 花子=Hanako; 杏=An; 凛=Rin; 結菜=Yuina; 芽衣=Mei; 莉子=Riko;
千尋=Chihiro; 遥=Haruka; 瞳=Hitomi; 綾香=Ayaka; 沙織=Saori; 恵=Megumi; 真理子=Mariko; 紀子=Noriko; 桃子=Momoko;
ひなた=Hinata; ゆい=Yui; あかり=Akari; みゆき=Miyuki; 由紀=Yuki; 里美=Satomi; 純子=Junko; 陽子=Yōko`);

/** Japanese: surname first in Japanese, often given name first in Latin. */
export const japanese = defineCulture({
  key: 'japanese',
  script: 'Jpan',
  countries: [['JPN', 100]],
  male: jaMale,
  female: jaFemale,
  surnames: plainSurnames(jaSurnames),
  surnameFirst: true,
  nativeJoin: '',
});
