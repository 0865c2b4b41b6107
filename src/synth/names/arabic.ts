/**
 * Arabic names in Arabic script with the romanisation families seen on passports and watchlists
 * (Mohammed/Muhammad/Mohamed/Mohamad, Husayn/Hussein/Hussain, Yusuf/Youssef/Yousef), theophoric compounds built by
 * rule (Abd al-Rahman/Abdulrahman/Abdel Rahman/Abdurrahman), the article al-/el-, bin/ibn/bint and the kunya abu.
 */
import { defineCulture, plainSurnames } from './build.js';
import { nativePool } from './pool.js';
import type { NamePart } from './types.js';
import { token } from './types.js';
import type { Rng } from '../prng.js';

const simpleMale = nativePool(`
محمد=Mohammed/Muhammad/Mohamed/Mohamad/Mohammad/Mouhamed; أحمد=Ahmed/Ahmad; محمود=Mahmoud/Mahmud/Mahmood;
مصطفى=Mustafa/Moustafa/Mostafa; علي=Ali/Aly; حسن=Hassan/Hasan; حسين=Hussein/Husayn/Hussain/Houssein/Husain;
يوسف=Yusuf/Youssef/Yousef/Youssouf/Yousif; إبراهيم=Ibrahim/Ebrahim/Brahim; خالد=Khaled/Khalid; عمر=Omar/Umar;
عثمان=Othman/Osman/Uthman/Outhmane; سعيد=Said/Saeed/Sayed; سعد=Saad/Sad; صالح=Saleh/Salih; صلاح=Salah;
طارق=Tarek/Tariq/Tarik; كريم=Karim/Kareem; ياسر=Yasser/Yasir/Yaser; ياسين=Yassine/Yasin/Yassin; حمزة=Hamza/Hamzah;
بلال=Bilal/Belal; زياد=Ziad/Ziyad; وليد=Walid/Waleed; جمال=Jamal/Gamal/Djamel; نبيل=Nabil/Nabeel;
فيصل=Faisal/Faysal/Faycal; ماجد=Majed/Majid/Maged; رامي=Rami/Ramy; سامي=Sami/Samy; هشام=Hisham/Hicham/Hesham;
عماد=Imad/Emad; أيمن=Ayman/Aymen; أنس=Anas; أسامة=Osama/Usama/Oussama; إسماعيل=Ismail/Ismael/Smail;
سليمان=Suleiman/Sulayman/Soliman/Slimane; موسى=Musa/Moussa/Mousa; عيسى=Isa/Issa/Eissa; يحيى=Yahya/Yehia/Yahia;
زكريا=Zakaria/Zakariya/Zakariyya; إدريس=Idris/Driss/Idriss; منصور=Mansour/Mansur; ناصر=Nasser/Nasir/Naser;
فارس=Fares/Faris; راشد=Rashid/Rachid/Rashed; حامد=Hamid/Hamed; مراد=Murad/Mourad;
نور الدين=Nour al-Din/Nureddin/Noureddine/Nuruddin/Nour Eddine; صلاح الدين=Salah al-Din/Salaheddine/Salahuddin;
جعفر=Jafar/Jaafar; قاسم=Qasim/Kassem/Qassem/Kacem; عادل=Adel/Adil; بشير=Bashir/Bachir/Beshir; هاني=Hani/Hany;
مازن=Mazen/Mazin; وائل=Wael/Wail; شادي=Shadi/Chadi; مهدي=Mahdi/Mehdi; عباس=Abbas; جواد=Jawad/Jawed;
رضا=Rida/Reda/Ridha; سيف=Saif/Sayf/Seif; عزيز=Aziz; حاتم=Hatem/Hatim; لؤي=Louay/Luay; معاذ=Muadh/Moaz/Mouad;
أمين=Amin/Amine/Ameen; رياض=Riad/Riyad/Riyadh; توفيق=Tawfiq/Tewfik/Taoufik; مالك=Malik/Malek; أنور=Anwar/Anouar;
شريف=Sharif/Cherif/Sherif; عمار=Ammar/Amar; غسان=Ghassan; باسل=Basel/Basil; منير=Munir/Mounir; رشيد=Rashid/Rachid`);

const female = nativePool(`
فاطمة=Fatima/Fatma/Fatemah/Fatimah; عائشة=Aisha/Aicha/Aysha/Aischa; مريم=Maryam/Mariam/Meriem; زينب=Zainab/Zaynab/Zeinab;
خديجة=Khadija/Khadijah/Khadidja; نور=Nour/Noor/Nur; سارة=Sara/Sarah; ليلى=Layla/Leila/Laila; هدى=Huda/Hoda;
أمينة=Amina/Aminah; سلمى=Salma/Selma; رانيا=Rania/Ranya; ياسمين=Yasmin/Yasmine/Jasmin; دينا=Dina/Deena; هالة=Hala;
رشا=Rasha/Racha; سعاد=Souad/Suad/Soad; نادية=Nadia/Nadiya; سميرة=Samira/Sameera; هند=Hind/Hend; حنان=Hanan/Hanane;
إيمان=Iman/Eman/Imane; أسماء=Asma/Asmaa; منى=Mona/Muna; لبنى=Lubna/Loubna; رحاب=Rehab/Rihab; وفاء=Wafa/Wafaa;
نجلاء=Najla/Naglaa; شيماء=Shaimaa/Chaima/Shayma; آية=Aya/Ayah; ملك=Malak; جميلة=Jamila/Djamila/Gamila;
كريمة=Karima/Kareema; حليمة=Halima/Halimah; زهراء=Zahra/Zahraa; رقية=Ruqayya/Rokaya/Roqia; صفية=Safiya/Safia;
نسرين=Nisreen/Nesrine/Nasrin; غادة=Ghada; لمى=Lama; جنى=Jana; رغد=Raghad; دعاء=Doaa/Duaa; عبير=Abeer/Abir;
سهام=Siham/Seham; بشرى=Bushra/Bochra; كوثر=Kawthar/Kaoutar/Kawsar; هاجر=Hajar/Hagar; خلود=Kholoud/Khulud;
ريم=Reem/Rim; سناء=Sanaa/Sana; أميرة=Amira/Ameera; نعيمة=Naima/Naeema; وداد=Widad/Wedad; صباح=Sabah;
فرح=Farah; جود=Joud/Jude; تسنيم=Tasnim/Tasneem; بتول=Batoul/Batool; رزان=Razan; لينا=Lina/Leena`);

/** Divine attributes for Abd-compounds: native, romanisations, and whether the article assimilates (sun letter). */
const attributes: readonly (readonly [string, readonly string[], boolean])[] = [
  ['الرحمن', ['Rahman', 'Rahmane'], true],
  ['العزيز', ['Aziz'], false],
  ['الكريم', ['Karim', 'Kareem'], false],
  ['القادر', ['Qadir', 'Kader', 'Kadir'], false],
  ['اللطيف', ['Latif', 'Lateef'], true],
  ['المجيد', ['Majid', 'Madjid', 'Maguid'], false],
  ['الحميد', ['Hamid', 'Hameed'], false],
  ['الرزاق', ['Razzaq', 'Razak'], true],
  ['السلام', ['Salam', 'Salem'], true],
  ['الوهاب', ['Wahab', 'Wahhab'], false],
  ['الحكيم', ['Hakim', 'Hakeem'], false],
  ['الجبار', ['Jabbar', 'Djabbar'], false],
  ['الغني', ['Ghani', 'Ghany'], false],
  ['الباسط', ['Basit', 'Bassat'], false],
  ['الفتاح', ['Fattah', 'Fatah'], false],
  ['الملك', ['Malik', 'Malek'], false],
  ['الناصر', ['Nasser', 'Nasir'], true],
  ['الرحيم', ['Rahim', 'Raheem'], true],
  ['الحليم', ['Halim', 'Haleem'], false],
  ['الجليل', ['Jalil', 'Djalil'], false],
  ['الهادي', ['Hadi', 'Hady'], false],
  ['الستار', ['Sattar', 'Satar'], true],
  ['الواحد', ['Wahid', 'Wahed'], false],
  ['الرؤوف', ['Rauf', 'Raouf'], true],
  ['الصمد', ['Samad', 'Samed'], true],
];

/** The usual spellings of one Abd-compound, the first being the most common passport form. */
function abdCompound(native: string, names: readonly string[], sun: boolean): NamePart {
  const out: string[] = [];
  for (const x of names) {
    const lower = x.toLowerCase();
    const art = sun ? `a${lower[0]}-` : 'al-';
    out.push(`Abdul${lower}`, `Abd ${art}${x}`, `Abdel ${x}`, `Abdel${lower}`, `Abdul ${x}`, `Abd el-${x}`);
    if (sun) out.push(`Abdu${lower[0]}${lower}`, `Abdu${lower[0]} ${x}`);
  }
  return { native: `عبد ${native}`, latin: [...new Set(out)] };
}

const abdNames: NamePart[] = [
  { native: 'عبد الله', latin: ['Abdullah', 'Abdallah', 'Abdulla', 'Abd Allah', 'Abdellah', 'Abdoulaye'] },
  ...attributes.map(([n, l, sun]) => abdCompound(n, l, sun)),
];

const male = [...simpleMale, ...simpleMale, ...abdNames];

const familyNames = nativePool(`
مصري=Masri/Masry; هاشمي=Hashimi/Hashemi/Hachemi; تميمي=Tamimi/Temimi; شمري=Shammari/Shamari; قحطاني=Qahtani/Kahtani;
عتيبي=Otaibi/Utaybi/Oteibi; زهراني=Zahrani; غامدي=Ghamdi; حربي=Harbi; دوسري=Dosari/Dossary; سوري=Souri/Suri;
حلبي=Halabi/Halaby; جبوري=Jubouri/Jabouri/Jubori; دليمي=Dulaimi/Dulaymi; عبيدي=Obeidi/Ubaidi; كبيسي=Kubaisi/Kobeissi;
خطيب=Khatib/Khateeb; حسيني=Husseini/Hosseini/Husaini; نجار=Najjar/Najar/Naggar; حداد=Haddad; خوري=Khoury/Khouri/Khuri;
صباغ=Sabbagh/Sabbag; عطار=Attar; شامي=Shami/Chami; مغربي=Maghribi/Maghrebi; تونسي=Tounsi/Tunisi;
جزائري=Jazairi/Djazairi; يمني=Yamani/Yemeni; عمري=Omari/Amri; زعبي=Zoubi/Zubi; رفاعي=Rifai/Refaei;
سيد=Sayed/Sayyid/Said; شيخ=Sheikh/Cheikh/Shaikh; نعيمي=Nuaimi/Neaimi; كعبي=Kaabi/Kabi; مري=Marri/Murri;
سويدي=Suwaidi/Swaidi; ظاهري=Dhaheri/Zaheri; منصوري=Mansouri/Mansuri; بلوشي=Balushi/Baloushi; حمادي=Hammadi/Hamadi;
عزاوي=Azzawi/Azawi; جنابي=Janabi/Jenabi; ربيعي=Rubaie/Rubaiy; سعدي=Saadi/Sadi; كردي=Kurdi/Kurdy; حلواني=Halwani/Helwani;
حسن=Hassan/Hasan; إبراهيم=Ibrahim/Ebrahim; منصور=Mansour/Mansur; صالح=Saleh/Salih; عثمان=Othman/Osman;
خليل=Khalil/Khaleel; حمدان=Hamdan; عودة=Odeh/Auda/Ouda; عواد=Awad/Awwad; جابر=Jaber/Jabir; سلامة=Salameh/Salama;
مطر=Matar; نصار=Nassar/Nasar; بركات=Barakat; شاهين=Shahin/Chahine/Shaheen; ضاهر=Daher/Dahir; حمود=Hammoud/Hamoud;
عبود=Abboud/Aboud; فرحات=Farhat; بكري=Bakri/Bakry; طه=Taha; زيدان=Zeidan/Zidane; سرور=Srour/Surur; عيسى=Issa/Eissa;
قاسم=Kassem/Qasim; يوسف=Youssef/Yousef/Yusuf; ناصر=Nasser/Naser; عبد الله=Abdullah/Abdallah; درويش=Darwish/Darwiche;
بيطار=Bitar/Baytar; جرار=Jarrar/Jarar; حجازي=Hijazi/Hegazy/Higazi; شلبي=Shalaby/Chalabi/Shalabi; عريقات=Erekat/Uraiqat`);

const article: NamePart = { native: 'ال', latin: ['al-', 'el-', 'Al-', 'El-', 'Al '] };
const bin: NamePart = { native: 'بن', latin: ['bin', 'ibn', 'ben', 'Bin'] };
const bint: NamePart = { native: 'بنت', latin: ['bint', 'bent'] };

/** Arabic: given name, often father's (and grandfather's) name, sometimes with bin/bint, then a family name. */
export const arabic = defineCulture({
  key: 'arabic',
  script: 'Arab',
  countries: [
    ['SYR', 14],
    ['EGY', 14],
    ['IRQ', 10],
    ['SAU', 8],
    ['MAR', 8],
    ['DZA', 7],
    ['YEM', 6],
    ['SDN', 6],
    ['JOR', 5],
    ['LBY', 5],
    ['TUN', 5],
    ['LBN', 4],
    ['PSE', 4],
    ['ARE', 2],
    ['KWT', 2],
    ['OMN', 2],
    ['QAT', 1],
  ],
  male,
  female,
  surnames: plainSurnames(familyNames),
  particles: [article],
  particleShare: 0.45,
  middle: (rng: Rng, gender) => {
    if (!rng.chance(0.7)) return undefined;
    // The father's name; in the Gulf and the Maghreb often preceded by bin/bint.
    const father = rng.pick(male);
    if (!rng.chance(0.25)) return token('middle', father);
    return [token('particle', gender === 'male' ? bin : bint), token('middle', father)];
  },
  weakAlias: (rng, gender) => kunya(rng, gender),
});

/** A kunya (Abu Khalid, Umm Ahmad): the usual weak alias of an Arabic-named person. */
export function kunya(rng: Rng, gender: 'male' | 'female'): string {
  const child = rng.pick(simpleMale).latin[0]!;
  return gender === 'male'
    ? `${rng.pick(['Abu', 'Abou', 'Abu'])} ${child}`
    : `${rng.pick(['Umm', 'Um', 'Oum'])} ${child}`;
}

/** Male given-name parts, shared with other cultures that use Arabic names (Somali, Hausa, Persian). */
export const arabicMaleNames: readonly NamePart[] = simpleMale;
