/**
 * Nordic (Å, Ø, Æ, Ö, Ä, Þ, ð), Polish and Czech (ł, ś, ż, ř, ě, ů…) and Turkish (ç, ğ, ı, İ, ş) names. Polish and
 * Czech surnames take feminine forms (Kowalski → Kowalska, Novák → Nováková, Novotný → Novotná); Nordic surnames
 * have a composed long tail (Lindqvist, Sjöström).
 */
import { defineCulture, plainSurnames } from './build.js';
import { latinPart, latinPool } from './pool.js';
import type { NamePart } from './types.js';
import type { Rng } from '../prng.js';

const nordicMale =
  latinPool(`Lars; Anders; Johan; Erik; Per; Karl; Nils; Jan; Mikael; Björn; Sven; Ole; Jørgen; Søren; Jens;
Henrik; Magnus; Øyvind; Håkan; Åke; Göran; Mats; Leif; Torbjørn; Kjell; Stig; Bjørn; Ragnar; Gunnar; Sigurður; Þór;
Juha; Mikko; Timo; Jari; Matti; Antti; Pekka; Jukka; Mika; Sami; Ville; Janne; Tuomas; Eero; Aleksi; Onni; Väinö;
Rasmus; Mads; Frederik; Emil; Oskar; Axel; Elias; Hugo; Viktor; Sindre; Eirik; Håvard; Jón; Guðmundur`);
const nordicFemale = latinPool(`Anna; Eva; Karin; Kristina; Maria; Ingrid; Astrid; Sigrid; Kari; Solveig; Åsa; Birgitta;
Margareta; Lena; Ingeborg; Signe; Freja; Ida; Maja; Elin; Linnéa; Sofie; Mette; Hanne; Lærke; Åse; Guðrún;
Tuula; Päivi; Anne; Sari; Minna; Tiina; Riitta; Pirjo; Leena; Aino; Eveliina; Helmi; Sanna; Johanna; Anu; Satu;
Frida; Ebba; Wilma; Nora; Ingvild; Tove; Björk; Sólveig; Þórunn`);
const nordicSurnames = latinPool(`Andersson; Johansson; Karlsson; Nilsson; Eriksson; Larsson; Olsson; Persson; Svensson;
Gustafsson; Pettersson; Jonsson; Jansson; Hansson; Bengtsson; Jönsson; Lindberg; Lindström; Lindqvist; Lundberg;
Lundgren; Berglund; Bergström; Sandberg; Sjöberg; Åberg; Ström; Holm; Hansen; Johansen; Olsen; Larsen; Andersen;
Pedersen; Nilsen; Kristiansen; Jensen; Karlsen; Johnsen; Pettersen; Eriksen; Berg; Haugen; Hagen; Johannessen;
Jakobsen; Dahl; Halvorsen; Lund; Sørensen; Rasmussen; Jørgensen; Madsen; Kristensen; Møller; Mortensen;
Østergaard; Nørgaard; Bækgaard; Sætre; Ødegård; Kjær; Korhonen; Virtanen; Mäkinen; Nieminen; Mäkelä;
Hämäläinen; Laine; Heikkinen; Koskinen; Järvinen; Lehtonen; Lehtinen; Saarinen; Salminen; Heinonen; Niemi;
Heikkilä; Kinnunen; Salonen; Turunen; Salo; Laitinen; Tuominen; Rantanen; Karjalainen; Jokinen; Mattila;
Savolainen; Lahtinen; Ahonen; Guðmundsson; Sigurðsson; Þórðarson`);
const nordicFirst =
  `Berg Lind Sjö Ek Ny Holm Sand Ström Dahl Lund Ås Björk Gran Hed Löf Sund Wall Åker Sten Skog Fjäll`.split(/\s+/);
const nordicLast = `berg ström qvist gren lund dahl holm mark blad feldt stedt sten man ling gård by`.split(/\s+/);

function composeNordic(rng: Rng): NamePart {
  return latinPart([rng.pick(nordicFirst) + rng.pick(nordicLast)]);
}

/** Nordic countries and Iceland: given names, a surname (patronymic -son/-dóttir in Iceland). */
export const nordic = defineCulture({
  key: 'nordic',
  script: 'Latn',
  countries: [
    ['SWE', 35],
    ['NOR', 22],
    ['DNK', 22],
    ['FIN', 18],
    ['ISL', 3],
  ],
  male: nordicMale,
  female: nordicFemale,
  surnames: plainSurnames(nordicSurnames),
  composeSurname: composeNordic,
  composedShare: 0.3,
  secondGiven: 0.3,
});

const plMale =
  latinPool(`Piotr; Krzysztof; Andrzej; Tomasz; Paweł; Michał; Marcin; Jan; Jakub; Łukasz; Grzegorz; Mateusz;
Adam; Marek; Wojciech; Kamil; Maciej; Dariusz; Rafał; Zbigniew; Jerzy; Stanisław; Józef; Tadeusz; Ryszard;
Kazimierz; Mirosław; Bartosz; Szymon; Dawid; Przemysław; Sławomir; Zdzisław; Bogdan; Wiesław`);
const czMale = latinPool(`Jiří; Jan; Petr; Josef; Martin; David; Jakub; Michal; Vladimír;
Pavel; Tomáš; Jaroslav; Miroslav; Zdeněk; František; Václav; Karel; Milan; Lukáš; Ondřej; Radek; Vojtěch; Matěj;
Štěpán; Luboš`);
const plFemale =
  latinPool(`Anna; Maria; Katarzyna; Małgorzata; Agnieszka; Barbara; Ewa; Krystyna; Elżbieta; Zofia; Joanna;
Magdalena; Monika; Dorota; Teresa; Danuta; Aleksandra; Natalia; Karolina; Justyna; Beata; Iwona; Grażyna;
Jadwiga; Halina; Bożena; Urszula; Zuzanna; Wiktoria; Łucja`);
const czFemale = latinPool(`Jana; Hana; Marie; Eva; Anna; Lenka; Kateřina; Lucie; Věra; Alena;
Petra; Veronika; Tereza; Martina; Michaela; Jitka; Zdeňka; Ivana; Eliška; Markéta; Růžena`);
const plSurnames =
  latinPool(`Nowak; Kowalski; Wiśniewski; Wójcik; Kowalczyk; Kamiński; Lewandowski; Zieliński; Szymański;
Woźniak; Dąbrowski; Kozłowski; Jankowski; Mazur; Wojciechowski; Kwiatkowski; Krawczyk; Kaczmarek; Piotrowski;
Grabowski; Zając; Pawłowski; Michalski; Król; Wieczorek; Jabłoński; Wróbel; Nowakowski; Majewski; Olszewski;
Stępień; Malinowski; Jaworski; Adamczyk; Dudek; Nowicki; Pawlak; Górski; Witkowski; Walczak; Sikora; Baran;
Rutkowski; Michalak; Szewczyk; Ostrowski; Tomaszewski; Pietrzak; Zalewski; Wróblewski; Jasiński; Marciniak; Bąk;
Zawadzki; Sadowski; Jakubowski; Włodarczyk; Chmielewski; Borkowski; Sokołowski; Szczepański; Sawicki; Lis;
Kubiak; Kalinowski; Wysocki; Kołodziej; Kaźmierczak; Czarnecki; Konieczny; Głowacki; Zakrzewski; Krajewski;
Czerwiński; Przybylski; Żak; Łuczak; Gajewski`);
const czSurnames = latinPool(`Novák; Svoboda; Novotný; Dvořák; Černý; Procházka; Kučera; Veselý; Horák; Němec; Pokorný;
Marek; Pospíšil; Hájek; Jelínek; Král; Růžička; Beneš; Fiala; Sedláček; Doležal; Zeman; Kolář; Navrátil; Čermák;
Vaněk; Urban; Blažek; Kříž; Kovář; Bartoš; Vlček; Polák; Musil; Kopecký; Šimek; Konečný; Malý; Holub; Štěpánek;
Kadlec; Dostál; Soukup; Šťastný; Mareš; Moravec; Sýkora; Tichý; Valenta; Vávra; Matoušek; Říha; Bláha; Ševčík;
Bureš; Hruška; Mašek; Pavlík; Janda; Hrubý; Kratochvíl; Havlíček; Staněk; Tůma`);

const czechSet = new Set(czSurnames.map((p) => p.native));

/** Feminine forms: Polish -ski/-cki/-ny → -ska/-cka/-na; Czech -ý → -á, -ek → -ková, -a → -ová, else +ová. */
function slavicFeminine(part: NamePart): NamePart {
  const s = part.native;
  let f: string;
  if (/(ski|cki)$/.test(s)) f = `${s.slice(0, -1)}a`;
  else if (!czechSet.has(s)) f = /ny$/.test(s) ? `${s.slice(0, -1)}a` : s;
  else if (s.endsWith('ý')) f = `${s.slice(0, -1)}á`;
  else if (s.endsWith('ek')) f = `${s.slice(0, -2)}ková`;
  else if (s.endsWith('a')) f = `${s.slice(0, -1)}ová`;
  else f = `${s}ová`;
  return f === s ? part : latinPart([f]);
}

/** Polish: given name, a surname with its feminine form. */
export const polish = defineCulture({
  key: 'polish',
  script: 'Latn',
  countries: [['POL', 100]],
  male: plMale,
  female: plFemale,
  surnames: plainSurnames(plSurnames),
  feminine: slavicFeminine,
  secondGiven: 0.1,
});

/** Czech and Slovak: given name, a surname with its -ová / -á feminine form. */
export const czech = defineCulture({
  key: 'czech',
  script: 'Latn',
  countries: [
    ['CZE', 80],
    ['SVK', 20],
  ],
  male: czMale,
  female: czFemale,
  surnames: plainSurnames(czSurnames),
  feminine: slavicFeminine,
});

const trMale =
  latinPool(`Mehmet; Mustafa; Ahmet; Ali; Hüseyin; Hasan; İbrahim; Murat; Ömer; Yusuf; Emre; Burak; Can; Cem;
Serkan; Oğuz; Gökhan; İsmail; Osman; Ramazan; Halil; Süleyman; Abdullah; Mahmut; Recep; Fatih; Kemal; Orhan;
Erkan; Volkan; Tolga; Barış; Uğur; Onur; Hakan; Selim; Kadir; Yavuz; Şükrü; Cengiz; Tuncay; Emir; Eymen; Çağlar`);
const trFemale = latinPool(`Ayşe; Fatma; Emine; Hatice; Zeynep; Elif; Merve; Özlem; Şule; Gülşen; Büşra; Esra; Meryem;
Sultan; Hülya; Yasemin; Derya; Ebru; Gamze; Tuğba; Sevgi; Aslı; Dilek; Nur; Zehra; Kübra; Hacer; Songül; Gül;
Çiğdem; Pınar; Şeyma; Ecrin; Defne; Ilgın; Nazlı; Melek; Sibel; Filiz; Nurcan`);
const trSurnames =
  latinPool(`Yılmaz; Kaya; Demir; Şahin; Çelik; Yıldız; Yıldırım; Öztürk; Aydın; Özdemir; Arslan; Doğan;
Kılıç; Aslan; Çetin; Kara; Koç; Kurt; Özkan; Şimşek; Polat; Korkmaz; Erdem; Özçelik; Güneş; Bulut; Keskin;
Ünal; Turan; Aksoy; Tekin; Avcı; Taş; Ateş; Sarı; Uçar; Işık; Güler; Bozkurt; Karataş; Altun; Yüksel; Acar;
Çakır; Erdoğan; Kaplan; Tunç; Akbulut`);
const trFirst = `Öz Kara Ak Gök Er Al Tek Uz Ay Gün Yıl Bay Kaya Demir Yurt Tan Çağ`.split(/\s+/);
const trLast = `kaya han demir taş can soy türk yurt dağ ay kan bay oğlu el er gül men doğan`.split(/\s+/);

function composeTurkish(rng: Rng): NamePart {
  let a = rng.pick(trFirst);
  const b = rng.pick(trLast);
  if (a.toLowerCase() === b) a = 'Öz';
  return latinPart([a + b]);
}

/** Turkish: one or two given names, a surname (with a composed long tail). */
export const turkish = defineCulture({
  key: 'turkish',
  script: 'Latn',
  countries: [
    ['TUR', 90],
    ['DEU', 5],
    ['CYP', 2],
    ['AZE', 3],
  ],
  male: trMale,
  female: trFemale,
  surnames: plainSurnames(trSurnames),
  composeSurname: composeTurkish,
  composedShare: 0.3,
  secondGiven: 0.15,
});
