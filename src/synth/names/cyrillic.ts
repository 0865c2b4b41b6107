/**
 * Russian names in Cyrillic, romanised by rule in the systems a border officer meets: ICAO 9303
 * (passports since 2010), BGN/PCGN, GOST 7.79 B, French and German. Щербаков → Shcherbakov / Shcherbakov /
 * Shherbakov / Chtcherbakov / Schtscherbakow; Юлия → Iuliia / Yuliya / Yuliya / Ioulia / Julija.
 */
import { defineCulture, plainSurnames } from './build.js';
import { translitPart, translitPool } from './pool.js';
import { letters, romaniser, type TranslitSystem } from './translit.js';
import type { NamePart } from './types.js';
import { token } from './types.js';
import type { Rng } from '../prng.js';

const ru = 'а б в г д е ё ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я';
const vowelsRu = 'аеёиоуыэюяъьй';

const icao: TranslitSystem = {
  table: letters(ru, 'a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch ie y - e iu ia'),
};
const bgn: TranslitSystem = {
  table: letters(ru, 'a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya'),
  initial: { е: 'ye' },
  vowels: vowelsRu,
};
const gost: TranslitSystem = {
  table: letters(ru, 'a b v g d e yo zh z i j k l m n o p r s t u f x cz ch sh shh - y - e yu ya'),
  rewrite: [[/ц(?=[иеыйя])/g, 'c']],
};
const french: TranslitSystem = {
  table: letters(ru, 'a b v g d e io j z i i k l m n o p r s t ou f kh ts tch ch chtch - y - e iou ia'),
  rewrite: [
    [/ий(?=$|[\s-])/g, 'i'],
    [/ия/g, 'ia'],
    [/г(?=[еиы])/g, 'gu'],
    [/(?<=[аеёиоуыэюя])с(?=[аеёиоуыэюя])/g, 'ss'],
  ],
};
const german: TranslitSystem = {
  table: letters(ru, 'a b w g d e jo sch s i i k l m n o p r s t u f ch z tsch sch schtsch - y - e ju ja'),
  initial: { е: 'je' },
  vowels: 'аеёиоуыэюяъь',
  rewrite: [
    [/ий(?=$|[\s-])/g, 'i'],
    [/(?<=[аеёиоуыэюя])с(?=[аеёиоуыэюя])/g, 'ss'],
    [/кс/g, 'x'],
  ],
};

/** Russian systems in a fixed order: ICAO, BGN/PCGN, GOST 7.79 B, French, German. */
export const russianSystems = [icao, bgn, gost, french, german].map(romaniser);

const ruMale = translitPool(
  `Александр Алексей Андрей Антон Артём Борис Вадим Валентин Валерий Василий Виктор Виталий Владимир Владислав
  Вячеслав Геннадий Георгий Глеб Григорий Даниил Денис Дмитрий Евгений Егор Иван Игорь Кирилл Константин Леонид
  Максим Матвей Михаил Николай Олег Павел Пётр Роман Руслан Семён Сергей Станислав Степан Тимофей Тимур Фёдор
  Филипп Юрий Ярослав Анатолий Аркадий Вениамин Всеволод Герман Захар Игнат Макар Марк Мирон Платон Родион
  Савелий Тарас Эдуард Арсений Богдан Ефим Назар Прохор Ростислав Святослав Трофим Никита Илья Лев Данила`.replace(
    /\s+/g,
    ';',
  ),
  russianSystems,
);
const ruFemale = translitPool(
  `Александра Алина Алла Анастасия Ангелина Анна Антонина Валентина Валерия Вера Вероника Виктория Галина Дарья
  Диана Евгения Екатерина Елена Елизавета Жанна Зинаида Злата Инна Ирина Кира Кристина Ксения Лариса Лидия Любовь
  Людмила Маргарита Марина Мария Надежда Наталья Нина Оксана Ольга Полина Раиса Светлана София Таисия Тамара
  Татьяна Ульяна Юлия Яна Варвара Василиса Милана Арина Есения Алёна Снежана Эльвира Регина Элина Майя Олеся
  Стефания Ева Агата Эвелина Людмила Виолетта Яна`.replace(/\s+/g, ';'),
  russianSystems,
);
const ruSurnames = translitPool(
  `Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков Алексеев Лебедев
  Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров Зайцев Соловьёв Борисов
  Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин
  Максимов Поляков Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров
  Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов
  Мельников Денисов Гаврилов Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов Мартынов
  Ефимов Федотов Щербаков Назаров Калинин Исаев Чернышёв Быков Маслов Родионов Коновалов Лазарев Воронин Климов
  Филатов Пономарёв Голубев Кудрявцев Прохоров Наумов Потапов Журавлёв Овчинников Трофимов Леонов Соболев Ермаков
  Колесников Гончаров Емельянов Никифоров Грачёв Котов Гришин Ефремов Архипов Громов Кириллов Малышев Панов
  Моисеев Румянцев Акимов Кондратьев Бирюков Горбунов Анисимов Ерёмин Тихомиров Галкин Лукьянов Михеев Скворцов
  Юдин Белоусов Нестеров Симонов Прокофьев Харитонов Князев Цветков Левин Митрофанов Воронцов Аксёнов Мальцев
  Логинов Горшков Савин Краснов Майоров Демидов Елисеев Рыбаков Сафонов Плотников Хохлов Фадеев Молчанов Игнатов
  Литвинов Ершов Ушаков Дементьев Рябов Мухин Леонтьев Лобанов Кузин Корнилов Евдокимов Бородин Платонов Некрасов
  Балашов Бобров Жданов Блинов Игнатьев Коротков Муравьёв Крюков Беляков Богомолов Дроздов Лавров Зуев Петухов
  Ларин Никулин Серов Терентьев Зотов Устинов Фокин Самойлов Константинов Шишкин Самсонов Черкасов Чистяков Носов
  Спиридонов Карасёв Авдеев Воронов Уваров Мишин Селезнёв Брагин Вишневский Ковальский Савицкий Островский
  Полянский Соколовский Дубровский Успенский Покровский Троицкий Рождественский Вознесенский Донской Луговой
  Полевой Береговой Шевцов Зиновьев Щукин Цыганов Хабибуллин Гарипов Ахметов Юсупов`.replace(/\s+/g, ';'),
  russianSystems,
);

/** Russian surname roots for the long tail, combined with the usual suffixes. */
const ruRoots = `Берез Вишн Горох Гречк Дуб Ерш Жар Зим Кедр Клен Лис Лун Мор Овс Пес Рыж Сит Тополь Хмел Черемх
  Ястреб Сокол Гол Кос Крас Бел Чер Бобр Сом Окун Сыч Грач Кулик Стриж Чиж`.split(/\s+/);
const ruSuffixes = ['ов', 'ев', 'ин', 'анов', 'енков', 'ицкий', 'овский', 'ников', 'кин'];

function composeRu(rng: Rng): NamePart {
  let root = rng.pick(ruRoots);
  const suffix = rng.pick(ruSuffixes);
  if (root.endsWith('ь')) root = root.slice(0, -1);
  return translitPart(root + suffix, russianSystems);
}

function ruFeminine(part: NamePart): NamePart {
  const s = part.native;
  let f = s;
  if (/(ов|ев|ёв|ин|ын)$/.test(s)) f = `${s}а`;
  else if (/ский$|цкий$/.test(s)) f = s.replace(/ий$/, 'ая');
  else if (/ой$/.test(s)) f = s.replace(/ой$/, 'ая');
  return f === s ? part : translitPart(f, russianSystems);
}

function ruPatronymic(father: string, gender: 'male' | 'female'): string | undefined {
  const stem: Record<string, string> = { Пётр: 'Петр', Павел: 'Павл', Лев: 'Льв' };
  const base = stem[father] ?? father;
  if (base.endsWith('я')) return undefined;
  if (base.endsWith('а')) return base.slice(0, -1) + (gender === 'male' ? 'ич' : 'ична');
  if (/[йь]$/.test(base)) return base.slice(0, -1) + (gender === 'male' ? 'евич' : 'евна');
  return base + (gender === 'male' ? 'ович' : 'овна');
}

const ruNicknames: Record<string, string> = {
  Александр: 'Саша',
  Алексей: 'Лёша',
  Дмитрий: 'Дима',
  Михаил: 'Миша',
  Николай: 'Коля',
  Сергей: 'Серёжа',
  Владимир: 'Вова',
  Евгений: 'Женя',
  Иван: 'Ваня',
  Павел: 'Паша',
  Константин: 'Костя',
  Вячеслав: 'Слава',
  Станислав: 'Стас',
  Юрий: 'Юра',
  Екатерина: 'Катя',
  Мария: 'Маша',
  Наталья: 'Наташа',
  Анастасия: 'Настя',
  Елена: 'Лена',
  Татьяна: 'Таня',
  Юлия: 'Юля',
  Ольга: 'Оля',
  Светлана: 'Света',
  Ирина: 'Ира',
  Анна: 'Аня',
  Дарья: 'Даша',
  Ксения: 'Ксюша',
};

/** Russian: given name, patronymic (most people), surname with feminine forms. */
export const russian = defineCulture({
  key: 'russian',
  script: 'Cyrl',
  countries: [
    ['RUS', 75],
    ['BLR', 8],
    ['KAZ', 7],
    ['KGZ', 3],
    ['MDA', 3],
    ['LVA', 2],
    ['EST', 2],
  ],
  male: ruMale,
  female: ruFemale,
  surnames: plainSurnames(ruSurnames),
  composeSurname: composeRu,
  composedShare: 0.25,
  feminine: ruFeminine,
  systematic: true,
  middle: (rng: Rng, gender) => {
    if (!rng.chance(0.75)) return undefined;
    const p = ruPatronymic(rng.pick(ruMale).native, gender);
    return p === undefined ? undefined : token('patronymic', translitPart(p, russianSystems));
  },
  nicknames: ruNicknames,
  nicknamePart: (n) => translitPart(n, russianSystems),
});
