/**
 * Georgian (Mkhedruli) and Armenian names, romanised by each country's national system (what passports print),
 * through Russian (Dzhaparidze, Grigoryan), German (Gelaschwili) and French/Western Armenian (Djaparidze, Krikorian:
 * Western Armenian devoices б/г/д, so Գրիգորյան reads Krikorian). Surnames are composed from roots and suffixes.
 */
import { defineCulture } from './build.js';
import { translitPart, translitPool } from './pool.js';
import { letters, romaniser, type TranslitSystem } from './translit.js';
import type { NamePart } from './types.js';
import type { Rng } from '../prng.js';

const ka = 'ა ბ გ დ ე ვ ზ თ ი კ ლ მ ნ ო პ ჟ რ ს ტ უ ფ ქ ღ ყ შ ჩ ც ძ წ ჭ ხ ჯ ჰ';
const kaSystems = [
  { table: letters(ka, 'a b g d e v z t i k l m n o p zh r s t u p k gh q sh ch ts dz ts ch kh j h') },
  { table: letters(ka, 'a b g d e v z t i k l m n o p zh r s t u p k g k sh ch ts dz ts ch kh dzh g') },
  { table: letters(ka, 'a b g d e w s t i k l m n o p sch r s t u p k gh k sch tsch z ds z tsch ch dsch h') },
  {
    table: letters(ka, 'a b g d e v z t i k l m n o p j r s t ou p k gh q ch tch ts dz ts tch kh dj h'),
    rewrite: [[/გ(?=[ეი])/g, 'gu']],
  },
] satisfies TranslitSystem[];

/** Georgian systems: national 2002 (passports), Russian-style, German, French. */
export const georgianSystems = kaSystems.map(romaniser);

const words = (text: string) => text.trim().replace(/\s+/g, ';');

const kaMale = translitPool(
  words(`გიორგი დავით ნიკოლოზ ალექსანდრე ლევან ზურაბ ირაკლი დიმიტრი ლაშა თორნიკე ლუკა სანდრო გოგა ბექა დათო
  ვახტანგ თამაზ მამუკა ნოდარ გელა შოთა ზვიად რევაზ კახა ვლადიმერ ოთარ ბესიკ ტარიელ გურამ მიხეილ ილია ნიკა
  ავთანდილ ბადრი ჯაბა გოჩა მერაბ ემზარ სოსო ვაჟა ლადო ამირან`),
  georgianSystems,
);
const kaFemale = translitPool(
  words(`ნინო მარიამ თამარ ანა ნათია ეკატერინე ქეთევან მაია ნანა ლიკა სალომე ელენე ნატო ხათუნა ლალი მანანა ეკა
  თეონა სოფიო ლელა თინათინ ია მზია ირმა ქეთი ნესტან გვანცა ანი ბარბარე ლიზი მარიკა ციცინო დარეჯან რუსუდან
  ნუცა`),
  georgianSystems,
);
const kaRoots = `გელა ხუცი მაისურა გიორგა ლომი ნოზა ჯაფარი კაპანა ბერი ჩხეი მამალა კვირიკა ტაბატა ბაქრა მელა
  სამხარა ჯავახი ნადირა ბარამი კობახი ცერცვა ხარაბა დვალი ქავთარა მჭედლი ოქრო ზედგინი ფხაკა გოგიბე ბოლქვა
  წიკლა შენგელ კვარაცხელ ღლონტ ცხადა ხელა ჭანტურ ლორთქიფან`.split(/\s+/);

function composeKa(rng: Rng): NamePart {
  return translitPart(
    rng.pick(kaRoots) + rng.pick(['ძე', 'შვილი', 'ია', 'ანი', 'ავა', 'ური', 'ძე', 'შვილი']),
    georgianSystems,
  );
}

/** Georgian: given name and a surname in -shvili, -dze, -ia, -ani, -ava, -uri. */
export const georgian = defineCulture({
  key: 'georgian',
  script: 'Geor',
  countries: [['GEO', 100]],
  male: kaMale,
  female: kaFemale,
  surnames: [],
  composeSurname: composeKa,
  composedShare: 1,
  systematic: true,
});

const hy = 'ա բ գ դ ե զ է ը թ ժ ի լ խ ծ կ հ ձ ղ ճ մ յ ն շ ո չ պ ջ ռ ս վ տ ր ց փ ք և օ ֆ';
const hySystems = [
  {
    table: letters(hy, 'a b g d e z e y t zh i l kh ts k h dz gh ch m y n sh o ch p j r s v t r ts p k ev o f'),
    initial: { ե: 'ye', ո: 'vo' },
    rewrite: [[/ու/g, 'u']],
  },
  {
    table: letters(hy, 'a b g d e z e y t zh i l kh ts k g dz gh ch m y n sh o ch p dzh r s v t r ts p k ev o f'),
    initial: { ե: 'e', ո: 'vo' },
    rewrite: [[/ու/g, 'u']],
  },
  {
    table: letters(hy, 'a p k t e z e e t j i l kh dz g h ts gh dj m y n ch o tch b tch r s v d r ts p k ev o f'),
    rewrite: [
      [/ու/g, 'ou'],
      [/յան$/g, 'ian'],
      [/(?<=[աեէըիո])ս(?=[աեէըիո])/g, 'ss'],
    ],
  },
  {
    table: letters(hy, 'a b g d e z e y t zh i l kh ts k h dz gh ch m y n sh o ch p j r s v t r ts p k ev o f'),
    rewrite: [
      [/ու/g, 'u'],
      [/յան$/g, 'ian'],
    ],
  },
] satisfies TranslitSystem[];

/** Armenian systems: national (passports), Russian-style, Western/French, English -ian. */
export const armenianSystems = hySystems.map(romaniser);

const hyMale = translitPool(
  words(`Արամ Արման Արմեն Արթուր Արտակ Աշոտ Գագիկ Գևորգ Գրիգոր Դավիթ Էդգար Էրիկ Կարեն Հայկ Համլետ Հովհաննես
  Մհեր Նարեկ Պետրոս Ռուբեն Սամվել Սարգիս Տիգրան Վահագն Վահե Վարդան Վաչե Ռաֆայել Արսեն Մկրտիչ Հրանտ Սուրեն
  Լևոն Գարիկ Վազգեն Մանվել Անդրանիկ Ժիրայր Արշակ Սևակ`),
  armenianSystems,
);
const hyFemale = translitPool(
  words(`Անի Անահիտ Արմինե Աստղիկ Գայանե Լիլիթ Լուսինե Մարիամ Մարինե Նարինե Նունե Սոնա Տաթևիկ Հասմիկ Հռիփսիմե
  Գոհար Զարուհի Շուշան Սիրանուշ Անուշ Էլեն Լիանա Ռուզաննա Արփի Նազելի Սեդա Քրիստինե Մանե Մարո Ալվարդ`),
  armenianSystems,
);
const hyRoots = `Պետրոս Գրիգոր Հովհաննիս Սարգս Հարություն Խաչատր Կարապետ Ավետիս Մարտիրոս Մկրտչ Գևորգ Ստեփան Մանուկ
  Պողոս Համբարձում Սահակ Աբրահամ Ղազար Մելքոն Ավագ Վարդան Հակոբ Մովսիս Բաղդասար Գասպար Առաքել Զաքար Թովմաս
  Ալեքսան Ներսիս Դավթ Սիմոն Եղիազար Մինաս Ասատր Դանիել Օհան Թորոս Բարսեղ Սիմոն Աղաջան Մուրադ`.split(/\s+/);

function composeHy(rng: Rng): NamePart {
  return translitPart(`${rng.pick(hyRoots)}յան`, armenianSystems);
}

/** Armenian: given name and a patronymic-style surname in -յան (-yan, -ian). */
export const armenian = defineCulture({
  key: 'armenian',
  script: 'Armn',
  countries: [
    ['ARM', 85],
    ['RUS', 5],
    ['FRA', 4],
    ['LBN', 3],
    ['SYR', 3],
  ],
  male: hyMale,
  female: hyFemale,
  surnames: [],
  composeSurname: composeHy,
  composedShare: 1,
  systematic: true,
});
