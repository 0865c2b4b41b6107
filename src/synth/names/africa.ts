/**
 * West and East African names: Hausa (Arabic-derived names in Hausa spelling: Usman/Usmanu, Aishatu), Yoruba (tone
 * marks and subdots dropped by ICAO: Adébáyọ̀ → ADEBAYO; compound surnames built from morphemes), Wolof (French
 * orthography with Wolof and anglophone Gambian forms: Ndiaye/Njie, Diallo/Jallow), Amharic/Tigrinya (Ethiopic
 * script; father's name as surname) and Somali (Somali orthography x/c vs anglicised: Maxamed/Mohamed, Cali/Ali).
 */
import { defineCulture, plainSurnames } from './build.js';
import { latinPart, latinPool, nativePool } from './pool.js';
import type { NamePart } from './types.js';
import { token } from './types.js';
import type { Rng } from '../prng.js';

const haMale =
  latinPool(`Abubakar/Abubakar; Musa; Ibrahim; Usman/Usmanu/Othman; Aliyu; Bello; Sani; Garba; Haruna; Lawal/Lawan;
Yakubu; Sule/Suleiman; Danladi; Shehu; Nasiru; Kabiru; Bashir; Murtala; Auwal/Awwal; Tanko; Audu; Mamman; Nuhu;
Idris/Idrisu; Yusuf/Yusufu; Dauda; Isa/Issa; Adamu; Hamza; Sadiq; Umar/Umaru; Abdullahi; Aminu; Jibril/Jibrin;
Mohammed/Muhammad/Mamadou; Salisu; Zubairu; Ismaila; Mustapha; Abdulkadir`);
const haFemale =
  latinPool(`Aisha/Aishatu/Aysha; Fatima/Fatimatu/Fati; Hauwa; Zainab/Zainabu; Hadiza/Hadizat; Amina/Aminatu;
Maryam/Maryamu; Hafsat; Rabi/Rabiatu; Halima/Halimatu; Binta; Jamila; Sadiya; Bilkisu; Asabe; Ladi; Larai;
Talatu; Kulu; Saratu; Khadija/Khadijat; Rukayya; Zulaihat; Safiya; Hussaina`);
const haSurnames =
  latinPool(`Bello; Abdullahi; Mohammed; Ibrahim; Musa; Usman; Abubakar; Aliyu; Sani; Garba; Yusuf; Umar;
Lawal; Danjuma; Gambo; Maikano; Sarki; Tukur; Waziri; Bala; Idris; Suleiman; Adamu; Haruna; Yakubu; Shehu;
Dankwambo; Dikko; Inuwa; Jibrin; Kura; Madaki; Galadima; Magaji; Dambazau`);

/** Hausa (northern Nigeria, Niger): given name, the father's name or a family name. */
export const hausa = defineCulture({
  key: 'hausa',
  script: 'Latn',
  countries: [
    ['NGA', 75],
    ['NER', 20],
    ['GHA', 5],
  ],
  male: haMale,
  female: haFemale,
  surnames: plainSurnames(haSurnames),
  secondGiven: 0.1,
});

const yoMale = latinPool(`Adébáyọ̀; Olúwaṣeun; Ọlámidé; Adéwálé; Babátúndé; Olúwadámiláre; Ayọ̀délé; Olúmídé; Tèmítọ́pẹ́;
Oláolúwa; Kẹ́hìndé; Táíwò; Ìdòwú; Káyọ̀dé; Adéyẹmí; Ọládélé; Olúṣẹ́gun; Bámidélé; Túndé; Fẹ́mi; Dàpọ̀; Wálé;
Sẹ́gun; Tóbi; Ayọ̀mídé; Ọlájídé; Akínwùmí; Gbénga; Jídé; Kúnlé; Lánre; Níyì`);
const yoFemale = latinPool(`Fọláṣadé; Yétúndé; Adéọlá; Bọ́lánlé; Mọ́rẹ́nikẹ́; Títílayọ̀; Olúwakẹ́mi; Abísọ́lá; Fúnmiláyọ̀;
Ìyábọ̀; Adúnní; Bùkọ́lá; Oláyínká; Ọmọlará; Kẹ́mi; Tọ́lání; Ṣadé; Yẹ́misí; Bímpé; Dámilọ́lá; Ìfẹ́olúwa;
Mojísọ́lá; Ẹniọlá; Jùmọ̀kẹ́; Kìkẹ́lọmọ̀`);
const yoHeads = `Adé Olú Olá Ọba Ayọ̀ Olúwa Fá Ògún Ọmọ Akín Ìbí Ọ̀ṣun Ẹ̀bún Ajé`.split(/\s+/);
const yoTails = `wálé yẹmí bísí túndé bayọ̀ kúnlé fúnmi lẹ́yẹ ṣínà dípẹ̀ jọbí tọ́kun sànyà nírán lọ́lá gbàdé sọ́lá
  wùmí mọ́lá yínká`.split(/\s+/);

function composeYoruba(rng: Rng): NamePart {
  return latinPart([rng.pick(yoHeads) + rng.pick(yoTails)]);
}

/** Yoruba (south-west Nigeria, Benin): given names and a compound surname, written with tone marks. */
export const yoruba = defineCulture({
  key: 'yoruba',
  script: 'Latn',
  countries: [
    ['NGA', 90],
    ['BEN', 10],
  ],
  male: yoMale,
  female: yoFemale,
  surnames: [],
  composeSurname: composeYoruba,
  composedShare: 1,
  secondGiven: 0.3,
});

const woMale = latinPool(`Mamadou/Mamadu; Moussa/Musa; Ousmane/Usman; Abdoulaye/Abdulaye; Cheikh/Seex; Ibrahima/Ibrahim;
Modou/Modu; Babacar/Babakar; Alioune/Aliou; Pape/Papa; Lamine; Souleymane/Suleyman; Samba; Demba; Malick/Malik;
Serigne/Sëriñ; Oumar/Omar; Mbaye; Assane/Hassane; Ousseynou/Usseynu; Alassane; Boubacar; Idrissa; Mouhamed/Mohamed;
Saliou; Khadim/Xadim; Fallou; Amadou/Ahmadou; Ebrima; Lamin; Momodou`);
const woFemale = latinPool(`Fatou/Fatu; Aminata; Awa; Mariama/Maryam; Aïssatou/Aisatu; Khady/Xadi; Ndèye/Ndeye; Astou;
Coumba/Kumba; Sokhna/Soxna; Rokhaya/Roxaya; Bineta; Adama; Dieynaba/Jeynaba; Mame; Marième; Ngoné; Penda; Yacine;
Seynabou/Zeynab; Isatou; Haddy; Oumou; Kine; Maimouna/Maymuna`);
const woSurnames =
  latinPool(`Ndiaye/Njie/Njaay; Diop/Joob; Fall; Sow/Soh; Diallo/Jallow/Jalloh; Faye/Fye; Gueye/Gaye/Gey; Ba/Bah;
Sarr/Sar; Mbaye/Mbye; Ndour/Nduur; Thiam/Caam; Diouf/Juuf; Sy/Si; Ka; Cissé/Cisse/Sisay; Seck/Sekk; Niang/Nyang;
Dieng/Jeng; Touré/Toure/Turay; Kane/Kan; Camara/Kamara; Mboup; Sène/Sene; Wade; Sall; Lo/Loum; Badji; Diatta/Jatta;
Mané/Mane; Ceesay; Jobe/Job; Touray; Sanneh/Sane; Manneh/Mane; Darboe/Darbo; Bojang; Jammeh/Jamme`);

/** Wolof (Senegal, the Gambia, Mauritania): given name, family name in French or English-style spelling. */
export const wolof = defineCulture({
  key: 'wolof',
  script: 'Latn',
  countries: [
    ['SEN', 70],
    ['GMB', 20],
    ['MRT', 10],
  ],
  male: woMale,
  female: woFemale,
  surnames: plainSurnames(woSurnames),
  secondGiven: 0.1,
});

const amMale = nativePool(`
ተስፋዬ=Tesfaye/Tesfay; ብርሃኑ=Birhanu/Berhanu; ኃይሉ=Hailu/Haylu; ገብረመድኅን=Gebremedhin/Gebre-Medhin/Gebremedhn;
ገብረእግዚአብሔር=Gebregziabher/Gebre Egziabher/Gebreegziabher; ወልደማርያም=Woldemariam/Weldemariam/Wolde-Mariam;
ወልደሚካኤል=Woldemichael/Weldemikael; ተክለሃይማኖት=Teklehaimanot/Tekle Haymanot; ዳዊት=Dawit/Dawitt; ዮሐንስ=Yohannes/Yohanes;
ሰለሞን=Solomon/Selomon; ዮናስ=Yonas/Yonās; አበበ=Abebe; ከበደ=Kebede; በቀለ=Bekele; ግርማ=Girma/Germa; አለሙ=Alemu;
ታደሰ=Tadesse/Tadese; መስፍን=Mesfin; ሙሉጌታ=Mulugeta; ደረጀ=Dereje; ፍቅሩ=Fikru/Fekru; ሳሙኤል=Samuel/Samuél;
ኤፍሬም=Ephrem/Efrem; ዳንኤል=Daniel; ተፈራ=Tefera/Teferra; አሰፋ=Assefa/Asefa; ወንድሙ=Wondimu/Wendimu; ጌታቸው=Getachew;
ሀብታሙ=Habtamu; አዲሱ=Addisu/Adisu; በላይ=Belay; ሽፈራው=Shiferaw; ነጋሽ=Negash; ተወልደ=Tewolde/Teweldé; ኪዳነ=Kidane/Kidané;
ፀጋዬ=Tsegaye/Tsegay; ሃብቶም=Habtom; ዘርኡ=Zeru/Zer'u; መሓሪ=Mehari/Mihari`);
const amFemale = nativePool(`
አልማዝ=Almaz; መሰረት=Meseret/Meserat; ትዕግስት=Tigist/Tegist; ሀና=Hanna/Hana; ሰላም=Selam/Salam; ብርቱካን=Birtukan/Bertukan;
ፀሐይ=Tsehay/Tsehai; መቅደስ=Mekdes/Meqdes; ራሔል=Rahel/Rachel; ሕይወት=Hiwot/Hywet; የሺ=Yeshi; አበባ=Abeba;
ቤተልሔም=Betelhem/Bethlehem; ሰብለ=Seble/Sebele; ፋሲካ=Fasika; ኤልሳቤጥ=Elsabet/Elizabeth; ዘውዲቱ=Zewditu/Zauditu;
ሠናይት=Senait/Senayt; ትርሐስ=Tirhas/Terhas; ሉላ=Lula; ኤደን=Eden; ሜሮን=Meron; ቅድስት=Kidist/Qidist; ሩት=Ruth/Rut;
ሳባ=Saba; ፍረወይኒ=Frewoini/Freweyni; ለተብርሃን=Letebrhan/Lete Berhan; ሚኪኤለ=Mikiele; አዜብ=Azeb; ወርቅነሽ=Workinesh/Werqnesh`);

/** Ethiopian and Eritrean (Amharic, Tigrinya): given name, then the father's given name as surname. */
export const amharic = defineCulture({
  key: 'amharic',
  script: 'Ethi',
  countries: [
    ['ETH', 65],
    ['ERI', 35],
  ],
  male: amMale,
  female: amFemale,
  surnames: plainSurnames(amMale),
  middle: (rng) => (rng.chance(0.3) ? token('middle', rng.pick(amMale)) : undefined),
});

const soMale = latinPool(`Maxamed/Mohamed/Mohammed/Mohamud; Cabdi/Abdi; Cali/Ali; Xasan/Hassan/Hasan; Cumar/Omar/Umar;
Maxamuud/Mohamud/Mahmoud; Axmed/Ahmed; Yuusuf/Yusuf/Yousuf; Ismaaciil/Ismail; Ibraahim/Ibrahim; Xuseen/Hussein/Husein;
Jaamac/Jama; Faarax/Farah; Warsame; Guuleed/Guled; Aadan/Adan/Aden; Nuur/Nur/Noor; Cismaan/Osman/Ismaan; Shire;
Daahir/Dahir; Muuse/Musa; Cawil/Awil; Khadar; Bashiir/Bashir; Abshir; Liibaan/Liban; Mahad; Cabdiraxmaan/Abdirahman;
Cabdullaahi/Abdullahi; Cabdirisaaq/Abdirisak; Xirsi/Hirsi; Samatar; Siciid/Said; Yaasiin/Yasin; Sharmaarke/Sharmarke`);
const soFemale = latinPool(`Faadumo/Fadumo/Fatuma; Xaliimo/Halima; Caasha/Asha/Aisha; Hodan; Sahra/Saahra; Aamina/Amina;
Ifrah; Ubax/Ubah; Sagal; Nimco/Nimo; Deeqa/Deka; Hibo; Filsan; Muna; Ayaan; Xaawo/Hawa; Khadiijo/Khadija;
Maryan/Maryam; Saafiya/Safiya; Zamzam; Hamdi; Idil; Ladan; Naciimo/Naima; Cawo/Awo`);

/** Somali: given name, father's name, grandfather's name; Somali orthography or anglicised spelling. */
export const somali = defineCulture({
  key: 'somali',
  script: 'Latn',
  countries: [
    ['SOM', 80],
    ['KEN', 10],
    ['ETH', 5],
    ['DJI', 5],
  ],
  male: soMale,
  female: soFemale,
  surnames: plainSurnames(soMale),
  middle: (rng) => token('middle', rng.pick(soMale)),
});
