/**
 * Chinese names: surname first, in hanzi and pinyin (the form of mainland passports, ZHANG WEIMING), with the
 * Wade-Giles and Cantonese/Hokkien spellings of Taiwan, Hong Kong and the diaspora (Chang, Cheung, Tan), and the
 * given name written joined, spaced or hyphenated (Weiming, Wei Ming, Wei-Ming). Given names are composed from
 * characters, which gives thousands of plausible combinations.
 */
import { defineCulture, plainSurnames } from './build.js';
import { capitalise, nativePool, unique } from './pool.js';
import type { NamePart } from './types.js';
import type { Rng } from '../prng.js';

const surnames = nativePool(`
王=Wang/Wong; 李=Li/Lee; 张=Zhang/Chang/Cheung; 刘=Liu/Lau/Lew; 陈=Chen/Chan/Tan; 杨=Yang/Yeung/Young; 黄=Huang/Wong/Ng;
赵=Zhao/Chao/Chiu; 吴=Wu/Ng/Goh; 周=Zhou/Chou/Chow; 徐=Xu/Hsu/Tsui; 孙=Sun/Suen; 马=Ma/Mah; 朱=Zhu/Chu/Chue; 胡=Hu/Wu;
郭=Guo/Kuo/Kwok; 何=He/Ho; 高=Gao/Kao/Ko; 林=Lin/Lam/Lim; 罗=Luo/Lo/Law; 郑=Zheng/Cheng/Tay; 梁=Liang/Leung/Neo;
谢=Xie/Hsieh/Tse; 宋=Song/Sung; 唐=Tang/Tong; 许=Xu/Hsu/Hui; 韩=Han/Hon; 冯=Feng/Fung; 邓=Deng/Teng/Tang;
曹=Cao/Tsao/Tso; 彭=Peng/Pang; 曾=Zeng/Tseng/Tsang; 肖=Xiao/Hsiao/Siu; 田=Tian/Tien; 董=Dong/Tung; 袁=Yuan/Yuen;
潘=Pan/Poon; 于=Yu/Yue; 蒋=Jiang/Chiang; 蔡=Cai/Tsai/Choi; 余=Yu/Yue; 杜=Du/Tu/To; 叶=Ye/Yeh/Yip; 程=Cheng/Ching;
苏=Su/Soo; 魏=Wei/Ngai; 吕=Lyu/Lu/Lv/Lui; 丁=Ding/Ting; 任=Ren/Jen/Yam; 沈=Shen/Sham; 姚=Yao/Yiu; 卢=Lu/Lo/Lou;
姜=Jiang/Chiang/Keung; 崔=Cui/Tsui; 钟=Zhong/Chung; 谭=Tan/Tam; 陆=Lu/Luk; 汪=Wang/Wong; 范=Fan; 金=Jin/Kam/Chin;
石=Shi/Shih/Shek; 廖=Liao/Liu; 贾=Jia/Chia; 夏=Xia/Hsia/Ha; 韦=Wei/Wai; 付=Fu; 方=Fang/Fong; 白=Bai/Pai/Pak;
邹=Zou/Tsou/Chau; 孟=Meng/Mang; 熊=Xiong/Hsiung/Hung; 秦=Qin/Chin/Chun; 邱=Qiu/Chiu/Yau; 江=Jiang/Chiang/Kong;
尹=Yin/Wan; 薛=Xue/Hsueh/Sit; 闫=Yan/Yen; 段=Duan/Tuan/Tuen; 雷=Lei/Lui; 侯=Hou/Hau; 龙=Long/Lung; 史=Shi/Shih/Sze;
陶=Tao/To; 黎=Li/Lai; 贺=He/Ho; 顾=Gu/Ku/Koo; 毛=Mao/Mo; 郝=Hao; 龚=Gong/Kung; 邵=Shao/Siu; 万=Wan/Man;
钱=Qian/Chien/Chin; 严=Yan/Yen/Yim; 武=Wu/Mo; 戴=Dai/Tai; 莫=Mo/Mok; 孔=Kong/Kung/Hung; 向=Xiang/Hsiang; 汤=Tang/Tong;
欧阳=Ouyang/Au-Yeung/Auyeung; 司马=Sima/Szeto/Ssu-ma; 诸葛=Zhuge/Chuko; 上官=Shangguan/Sheung-Kwun`);

/** Given-name characters with their pinyin (no tones), leaning male or female by list. */
const maleChars = `伟:wei 强:qiang 磊:lei 军:jun 洋:yang 勇:yong 杰:jie 涛:tao 明:ming 超:chao 刚:gang 平:ping 辉:hui
  鹏:peng 华:hua 飞:fei 鑫:xin 波:bo 斌:bin 宇:yu 浩:hao 凯:kai 健:jian 俊:jun 帆:fan 帅:shuai 旭:xu 宁:ning 龙:long
  林:lin 阳:yang 建:jian 国:guo 志:zhi 文:wen 东:dong 海:hai 峰:feng 晨:chen 博:bo 天:tian 子:zi 豪:hao 然:ran
  成:cheng 德:de 兵:bing 永:yong 庆:qing 新:xin 振:zhen 家:jia 荣:rong 立:li 睿:rui 轩:xuan 泽:ze 思:si 毅:yi`;
const femaleChars = `芳:fang 娜:na 敏:min 静:jing 丽:li 艳:yan 娟:juan 霞:xia 秀:xiu 英:ying 慧:hui 玲:ling 婷:ting
  雪:xue 琳:lin 颖:ying 倩:qian 琴:qin 云:yun 莉:li 梅:mei 兰:lan 燕:yan 红:hong 萍:ping 佳:jia 欣:xin 怡:yi 悦:yue
  晶:jing 璐:lu 瑶:yao 雯:wen 婧:jing 月:yue 凤:feng 桂:gui 珍:zhen 华:hua 玉:yu 春:chun 洁:jie 薇:wei 思:si 雨:yu
  梦:meng 诗:shi 涵:han 萱:xuan 晓:xiao 小:xiao 美:mei`;

function chars(text: string): readonly (readonly [string, string])[] {
  return text
    .trim()
    .split(/\s+/)
    .map((p) => p.split(':') as [string, string]);
}
const male = chars(maleChars);
const female = chars(femaleChars);

const wadeWhole: Readonly<Record<string, string>> = {
  zi: 'tzu',
  ci: 'tzu',
  si: 'ssu',
  zhi: 'chih',
  chi: 'chih',
  shi: 'shih',
  ri: 'jih',
  you: 'yu',
  yan: 'yen',
  yong: 'yung',
  xue: 'hsueh',
  yue: 'yueh',
  ge: 'ko',
  he: 'ho',
  ke: 'ko',
  guo: 'kuo',
  luo: 'lo',
  zuo: 'tso',
  de: 'te',
  ze: 'tse',
};

/** Approximate Wade-Giles of a toneless pinyin syllable (aspiration marks dropped, as passports do). */
export function wadeGiles(syllable: string): string {
  const whole = wadeWhole[syllable];
  if (whole !== undefined) return whole;
  const m = /^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw]?)(.*)$/.exec(syllable)!;
  const initial: Readonly<Record<string, string>> = {
    zh: 'ch',
    z: 'ts',
    c: 'ts',
    j: 'ch',
    q: 'ch',
    x: 'hs',
    r: 'j',
    b: 'p',
    d: 't',
    g: 'k',
  };
  let final = m[2]!;
  final = final.replace(/ong$/, 'ung').replace(/ian$/, 'ien').replace(/ie$/, 'ieh');
  return (initial[m[1]!] ?? m[1]!) + final;
}

function givenName(rng: Rng, pool: readonly (readonly [string, string])[]): NamePart {
  const first = rng.pick(pool);
  if (rng.chance(0.3)) {
    return { native: first[0], latin: unique([capitalise(first[1]), capitalise(wadeGiles(first[1]))]) };
  }
  const second = rng.pick(pool);
  const [a, b] = [first[1], second[1]];
  const [wa, wb] = [wadeGiles(a), wadeGiles(b)];
  return {
    native: first[0] + second[0],
    latin: unique([
      capitalise(a + b),
      `${capitalise(a)} ${capitalise(b)}`,
      `${capitalise(a)}-${b}`,
      `${capitalise(wa)}-${capitalise(wb)}`,
      `${capitalise(wa)}-${wb}`,
      capitalise(wa + wb),
    ]),
  };
}

/** Chinese: surname first; given name of one or two characters. */
export const chinese = defineCulture({
  key: 'chinese',
  script: 'Hani',
  countries: [
    ['CHN', 80],
    ['TWN', 7],
    ['HKG', 5],
    ['SGP', 4],
    ['MYS', 4],
  ],
  male: [],
  female: [],
  surnames: plainSurnames(surnames),
  surnameFirst: true,
  nativeJoin: '',
  givenName: (rng, gender) => givenName(rng, gender === 'male' ? male : female),
});
