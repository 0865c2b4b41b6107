/**
 * Ukrainian names in Cyrillic, romanised by the national KMU 2010 table (what Ukrainian passports print:
 * Юлія → Yuliia, Олександр → Oleksandr), BGN/PCGN, a Russian-style reading (Oleksandr → Oleksandr, but г → g),
 * French and German. Surnames in -енко and -ук do not change for women; -ський becomes -ська.
 */
import { defineCulture, plainSurnames } from './build.js';
import { translitPart, translitPool } from './pool.js';
import { letters, romaniser, type TranslitSystem } from './translit.js';
import type { NamePart } from './types.js';
import { token } from './types.js';
import type { Rng } from '../prng.js';

const uk = "а б в г ґ д е є ж з и і ї й к л м н о п р с т у ф х ц ч ш щ ь ю я '";
const kmu: TranslitSystem = {
  table: letters(uk, 'a b v h g d e ie zh z y i i i k l m n o p r s t u f kh ts ch sh shch - iu ia -'),
  initial: { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' },
  rewrite: [[/зг/g, 'zgh']],
};
const bgn: TranslitSystem = {
  table: letters(uk, 'a b v h g d e ye zh z y i yi y k l m n o p r s t u f kh ts ch sh shch - yu ya -'),
};
const russianStyle: TranslitSystem = {
  table: letters(uk, 'a b v g g d e ie zh z i i i i k l m n o p r s t u f kh ts ch sh shch - iu ia -'),
};
const french: TranslitSystem = {
  table: letters(uk, 'a b v h g d e ie j z y i ï i k l m n o p r s t ou f kh ts tch ch chtch - iou ia -'),
};
const german: TranslitSystem = {
  table: letters(uk, 'a b w h g d e je sch s y i ji j k l m n o p r s t u f ch z tsch sch schtsch - ju ja -'),
};

/** Ukrainian systems: KMU 2010 (passports), BGN/PCGN, Russian-style, French, German. */
export const ukrainianSystems = [kmu, bgn, russianStyle, french, german].map(romaniser);

const words = (text: string) => text.trim().replace(/\s+/g, ';');

const male = translitPool(
  words(`Олександр Андрій Богдан Василь Віктор Володимир Дмитро Євген Іван Ігор Микола Михайло Олег Остап Петро
  Роман Сергій Степан Тарас Юрій Ярослав Григорій Максим Назар Орест Павло Віталій Вадим Данило Денис Кирило
  Матвій Мирослав Олексій Святослав Тимофій Федір Артем Антон Борис Валентин Валерій Всеволод Зиновій Любомир
  Анатолій Леонід Станіслав Ростислав Устим Остап Захар Яків`),
  ukrainianSystems,
);
const female = translitPool(
  words(`Олена Оксана Наталія Тетяна Ірина Юлія Анна Марія Ольга Світлана Людмила Галина Надія Вікторія Катерина
  Анастасія Дарина Софія Христина Ярослава Валентина Лариса Віра Любов Мирослава Зоряна Соломія Богдана Леся
  Іванна Уляна Злата Василина Олеся Яна Тамара Ніна Раїса Інна Алла Діана Мар'яна Євгенія Поліна Аліна Вероніка`),
  ukrainianSystems,
);
const surnames = translitPool(
  words(`Шевченко Коваленко Бондаренко Ткаченко Кравченко Олійник Шевчук Поліщук Коваль Бойко Ткачук Мельник
  Кравчук Савченко Руденко Лисенко Марченко Мороз Петренко Клименко Павленко Левченко Харченко Кузьменко
  Гончаренко Литвиненко Романенко Мазур Дяченко Ковальчук Карпенко Савчук Гаврилюк Остапенко Приходько Яковенко
  Нестеренко Юрченко Захарченко Панченко Онищенко Сидоренко Власенко Костенко Давиденко Пономаренко Гордієнко
  Федоренко Волошин Собко Гуменюк Степаненко Демченко Герасименко Лук'яненко Мартинюк Семенюк Білоус Кучер
  Рибак Головко Гнатюк Тарасюк Дмитрук Пилипенко Вакуленко Зінченко Кушнір Бабенко Іванишин Грищенко Антонюк
  Степанюк Мирошниченко Білик Гуцул Сорока Зайченко Яременко Ющенко Кириленко Василенко Черненко Процик
  Дорошенко Бережний Стельмах Гребенюк Вербицький Яворський Ковальський Сушко Луценко Мисько Заїка`),
  ukrainianSystems,
);

const roots = `Бондар Гончар Коваль Кравець Мельнич Ткач Швець Чумак Козак Пастух Рибал Бджол Вовк Лис Сокол Голуб
  Дуб Клен Явір Верб Калин Грим Гай Лан Степ`.split(/\s+/);
const suffixes = ['енко', 'ук', 'чук', 'юк', 'ишин', 'ський', 'ко'];

function compose(rng: Rng): NamePart {
  const root = rng.pick(roots).replace(/ь$/, '');
  return translitPart(root + rng.pick(suffixes), ukrainianSystems);
}

function feminine(part: NamePart): NamePart {
  const s = part.native;
  let f = s;
  if (/ський$|цький$/.test(s)) f = s.replace(/ий$/, 'а');
  else if (/(ов|ев|ін|ин)$/.test(s)) f = `${s}а`;
  else if (/ний$/.test(s)) f = s.replace(/ий$/, 'а');
  return f === s ? part : translitPart(f, ukrainianSystems);
}

function patronymic(father: string, gender: 'male' | 'female'): string | undefined {
  if (father.endsWith('я')) return undefined;
  if (father.endsWith('о')) return father.slice(0, -1) + (gender === 'male' ? 'ович' : 'івна');
  if (father.endsWith('а')) return father.slice(0, -1) + (gender === 'male' ? 'айович' : 'аївна');
  // Андрій → Андрійович / Андріївна.
  if (father.endsWith('й')) return gender === 'male' ? `${father}ович` : `${father.slice(0, -1)}ївна`;
  if (father.endsWith('ь')) return father.slice(0, -1) + (gender === 'male' ? 'ьович' : 'івна');
  return father + (gender === 'male' ? 'ович' : 'івна');
}

/** Ukrainian: given name, patronymic (often), surname. */
export const ukrainian = defineCulture({
  key: 'ukrainian',
  script: 'Cyrl',
  countries: [['UKR', 100]],
  male,
  female,
  surnames: plainSurnames(surnames),
  composeSurname: compose,
  composedShare: 0.25,
  feminine,
  systematic: true,
  middle: (rng: Rng, gender) => {
    if (!rng.chance(0.65)) return undefined;
    const p = patronymic(rng.pick(male).native, gender);
    return p === undefined ? undefined : token('patronymic', translitPart(p, ukrainianSystems));
  },
});
