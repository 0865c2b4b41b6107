/**
 * Hindi (Devanagari), Persian (Perso-Arabic script) and Hebrew names with their customary romanisations:
 * Deepak/Dipak, Lakshmi/Laxmi; Hossein/Hosein/Husain, Ghasemi/Qasemi, -zadeh/-zade; Yitzhak/Itzhak, Cohen/Kohen.
 * Many Indians, especially in the south, carry a single name; Persian surnames have a composed long tail.
 */
import { defineCulture, plainSurnames } from './build.js';
import { nativePool } from './pool.js';
import type { NamePart } from './types.js';
import type { Rng } from '../prng.js';

const hiMale = nativePool(`
राहुल=Rahul; अमित=Amit; सुनील=Sunil/Suneel; राजेश=Rajesh; विकास=Vikas/Vikash; संजय=Sanjay/Sanjai; अजय=Ajay/Ajai;
मनोज=Manoj; दीपक=Deepak/Dipak; अनिल=Anil; सुरेश=Suresh; रमेश=Ramesh; महेश=Mahesh; विजय=Vijay/Vijai; राम=Ram;
श्याम=Shyam/Syam; मोहन=Mohan; गोपाल=Gopal; कृष्ण=Krishna/Krishan; अर्जुन=Arjun; रोहित=Rohit; सचिन=Sachin;
प्रकाश=Prakash; आकाश=Akash/Aakash; आदित्य=Aditya; अभिषेक=Abhishek; नितिन=Nitin; पंकज=Pankaj; रवि=Ravi;
शिव=Shiv/Shiva; हरि=Hari; गणेश=Ganesh; दिनेश=Dinesh; नरेश=Naresh; योगेश=Yogesh; मुकेश=Mukesh; राकेश=Rakesh;
अशोक=Ashok/Asok; विनोद=Vinod; प्रदीप=Pradeep/Pradip; संदीप=Sandeep/Sandip; कुलदीप=Kuldeep/Kuldip;
गुरप्रीत=Gurpreet/Gurprit; हरप्रीत=Harpreet; मनप्रीत=Manpreet; जसप्रीत=Jaspreet; सुरेंद्र=Surendra/Surender;
वीरेंद्र=Virendra/Virender; धर्मेंद्र=Dharmendra; राजकुमार=Rajkumar/Raj Kumar; इमरान=Imran; सलमान=Salman`);
const hiFemale = nativePool(`
प्रिया=Priya; पूजा=Pooja/Puja; नेहा=Neha; अंजलि=Anjali/Anjalee; सुनीता=Sunita/Suneeta; अनीता=Anita/Aneeta;
कविता=Kavita/Kavitha; रीता=Rita/Reeta; गीता=Geeta/Gita; सीता=Sita/Seeta; लक्ष्मी=Lakshmi/Laxmi; सरस्वती=Saraswati;
दिव्या=Divya; श्वेता=Shweta/Sweta; ज्योति=Jyoti/Jyothi; रेखा=Rekha; मीना=Meena/Mina; आरती=Aarti/Arti/Arathi;
सोनिया=Sonia/Soniya; पूनम=Poonam/Punam; ममता=Mamta/Mamata; शालिनी=Shalini; नीलम=Neelam/Nilam; रश्मि=Rashmi;
स्नेहा=Sneha; काजल=Kajal; कोमल=Komal; आशा=Asha; उषा=Usha; निशा=Nisha; सीमा=Seema/Sima; किरण=Kiran; मधु=Madhu;
राधा=Radha; सपना=Sapna; रुबीना=Rubina; परवीन=Parveen/Parvin; मनीषा=Manisha; अर्चना=Archana; वंदना=Vandana`);
const hiSurnames = nativePool(`
शर्मा=Sharma; वर्मा=Verma/Varma; गुप्ता=Gupta; सिंह=Singh; कुमार=Kumar; यादव=Yadav; पटेल=Patel; शाह=Shah; जैन=Jain;
अग्रवाल=Agarwal/Aggarwal/Agrawal; मिश्रा=Mishra/Misra; तिवारी=Tiwari/Tewari; पांडे=Pandey/Pande; चौहान=Chauhan/Chouhan;
राठौर=Rathore/Rathod; ठाकुर=Thakur; श्रीवास्तव=Srivastava/Shrivastava; दुबे=Dubey/Dube; त्रिपाठी=Tripathi;
चौधरी=Chaudhary/Choudhary/Chowdhury; रेड्डी=Reddy; नायर=Nair; मेहता=Mehta; जोशी=Joshi; देसाई=Desai; कपूर=Kapoor/Kapur;
खन्ना=Khanna; मल्होत्रा=Malhotra; भाटिया=Bhatia; सक्सेना=Saxena; बंसल=Bansal; गोयल=Goyal/Goel; मित्तल=Mittal;
सेठी=Sethi; अरोड़ा=Arora; गिल=Gill; संधू=Sandhu; ढिल्लों=Dhillon; सैनी=Saini; मौर्य=Maurya; कुशवाहा=Kushwaha;
प्रजापति=Prajapati; नायक=Naik/Nayak; पाटिल=Patil; कुलकर्णी=Kulkarni; भट्ट=Bhatt/Bhat; दास=Das; घोष=Ghosh;
बनर्जी=Banerjee/Bannerjee/Banerji; मुखर्जी=Mukherjee/Mukherji; चटर्जी=Chatterjee/Chatterji; सेन=Sen; बोस=Bose/Basu;
रॉय=Roy/Rai; खान=Khan; अंसारी=Ansari; कुरैशी=Qureshi/Kureshi`);

/** Hindi-speaking India and Nepal: given name, often a surname, sometimes a single name. */
export const hindi = defineCulture({
  key: 'hindi',
  script: 'Deva',
  countries: [
    ['IND', 90],
    ['NPL', 10],
  ],
  male: hiMale,
  female: hiFemale,
  surnames: plainSurnames(hiSurnames),
  singleName: 0.08,
  secondGiven: 0.05,
});

const faMale = nativePool(`
محمد=Mohammad/Mohammed/Muhammad; علی=Ali; حسین=Hossein/Hosein/Husain/Hussein; رضا=Reza/Rezza; مهدی=Mehdi/Mahdi;
امیر=Amir; حسن=Hassan/Hasan; محمود=Mahmoud/Mahmood/Mahmud; سعید=Saeed/Said/Saeid; مجید=Majid/Madjid; جواد=Javad;
غلامرضا=Gholamreza/Gholam Reza/Qolamreza; علیرضا=Alireza/Ali Reza; محمدرضا=Mohammadreza/Mohammad Reza; حمید=Hamid;
مسعود=Masoud/Massoud/Masud; بهروز=Behrouz/Behruz; داریوش=Dariush/Daryoush; کوروش=Kourosh/Kurosh/Cyrus; فرهاد=Farhad;
بهزاد=Behzad; پویا=Pouya/Puya; آرش=Arash; سینا=Sina; کامران=Kamran; مرتضی=Morteza/Mortaza; مصطفی=Mostafa/Mustafa;
ابراهیم=Ebrahim/Ibrahim; یوسف=Yousef/Yusef; اکبر=Akbar; اصغر=Asghar; نادر=Nader; شهرام=Shahram; شهاب=Shahab;
پیمان=Peyman/Payman; بابک=Babak; رامین=Ramin; کیوان=Keyvan/Kayvan; میلاد=Milad; ایمان=Iman; امید=Omid`);
const faFemale = nativePool(`
فاطمه=Fatemeh/Fatemah/Fatima; زهرا=Zahra; مریم=Maryam/Mariam; معصومه=Masoumeh/Masume; زینب=Zeynab/Zainab;
سکینه=Sakineh/Sakine; نرگس=Narges; لیلا=Leila/Layla; شیرین=Shirin; پریسا=Parisa; نازنین=Nazanin; سارا=Sara/Sarah;
مهسا=Mahsa; نیلوفر=Niloufar/Nilufar; شیما=Shima; الهام=Elham; سمیرا=Samira; آزاده=Azadeh/Azade; مینا=Mina;
ندا=Neda/Nedaa; پروین=Parvin/Parveen; فرشته=Fereshteh/Fereshte; مهناز=Mahnaz; شهلا=Shahla; طاهره=Tahereh;
رویا=Roya/Roja; یاسمن=Yasaman/Yasamin; هانیه=Hanieh/Haniyeh; کوثر=Kowsar/Kosar; ریحانه=Reyhaneh/Reihaneh`);
const faSurnames = nativePool(`
احمدی=Ahmadi; حسینی=Hosseini/Husseini/Hoseini; رضایی=Rezaei/Rezaee/Rezai; محمدی=Mohammadi/Mohamadi; کریمی=Karimi;
رحیمی=Rahimi; جعفری=Jafari/Jaafari; صادقی=Sadeghi/Sadeqi; قاسمی=Ghasemi/Qasemi/Ghassemi; مرادی=Moradi/Muradi;
هاشمی=Hashemi/Hashimi; موسوی=Mousavi/Musavi/Moosavi; تهرانی=Tehrani; رستمی=Rostami; کاظمی=Kazemi/Kazimi; نظری=Nazari;
عباسی=Abbasi; اکبری=Akbari; نوری=Nouri/Nuri; یزدانی=Yazdani; شریفی=Sharifi; سلیمانی=Soleimani/Solaimani;
بهرامی=Bahrami; امینی=Amini; نجفی=Najafi; اصفهانی=Esfahani/Isfahani; شیرازی=Shirazi; طاهری=Taheri; کرمانی=Kermani`);
const faRoots = `حسین علی احمد محمد رضا حسن کریم رحیم جعفر قاسم مراد عباس اکبر نصر ولی تقی نقی امیر`.split(/\s+/);
const faRootLatin: Readonly<Record<string, readonly string[]>> = {
  حسین: ['Hossein', 'Hosein', 'Husein'],
  علی: ['Ali'],
  احمد: ['Ahmad', 'Ahmed'],
  محمد: ['Mohammad', 'Mohamad'],
  رضا: ['Reza'],
  حسن: ['Hassan', 'Hasan'],
  کریم: ['Karim'],
  رحیم: ['Rahim'],
  جعفر: ['Jafar', 'Jaafar'],
  قاسم: ['Ghasem', 'Qasem'],
  مراد: ['Morad', 'Murad'],
  عباس: ['Abbas'],
  اکبر: ['Akbar'],
  نصر: ['Nasr'],
  ولی: ['Vali', 'Wali'],
  تقی: ['Taghi', 'Taqi'],
  نقی: ['Naghi', 'Naqi'],
  امیر: ['Amir'],
};
const faSuffixes: readonly (readonly [string, readonly string[]])[] = [
  ['زاده', ['zadeh', 'zade', 'zada']],
  ['پور', ['pour', 'pur', 'poor']],
  ['نژاد', ['nejad', 'nezhad', 'nejhad']],
  ['فر', ['far']],
  ['یان', ['ian', 'yan']],
  ['لو', ['lou', 'lu']],
];

function composePersian(rng: Rng): NamePart {
  const root = rng.pick(faRoots);
  const [suffix, suffixLatin] = rng.pick(faSuffixes);
  const latin: string[] = [];
  for (const s of suffixLatin) for (const r of faRootLatin[root]!) latin.push(r + s);
  return { native: root + suffix, latin };
}

/** Persian (Iran, Afghanistan's Dari speakers, Tajikistan in Cyrillic is not covered): given name, surname. */
export const persian = defineCulture({
  key: 'persian',
  script: 'Arab',
  countries: [
    ['IRN', 75],
    ['AFG', 25],
  ],
  male: faMale,
  female: faFemale,
  surnames: plainSurnames(faSurnames),
  composeSurname: composePersian,
  composedShare: 0.4,
});

const heMale = nativePool(`
יוסף=Yosef/Yossef/Josef; יצחק=Yitzhak/Itzhak/Yitschak/Isaac; אברהם=Avraham/Abraham; משה=Moshe/Moche; דוד=David/Dovid;
יעקב=Yaakov/Yakov/Jacob; שמואל=Shmuel/Samuel; אליהו=Eliyahu/Eliahu; חיים=Chaim/Haim/Hayim; מאיר=Meir/Mayer; אריה=Arie/Aryeh;
עומר=Omer; איתן=Eitan/Etan/Ethan; נועם=Noam; יונתן=Yonatan/Jonathan; אורי=Uri/Ori; גיל=Gil; רון=Ron; עמית=Amit;
אבי=Avi; שלום=Shalom/Sholem; בנימין=Binyamin/Benjamin; צבי=Tzvi/Zvi/Tsvi; מנחם=Menachem/Menahem; שמעון=Shimon/Simon;
אהרון=Aharon/Aaron; גדעון=Gideon/Gidon; עידו=Ido; תומר=Tomer; יהודה=Yehuda/Judah; נתן=Natan/Nathan; דניאל=Daniel`);
const heFemale = nativePool(`
שרה=Sara/Sarah; רחל=Rachel/Rahel; לאה=Lea/Leah; רבקה=Rivka/Rebecca; מרים=Miriam/Miryam; אסתר=Esther/Ester;
חנה=Hana/Hannah/Chana; יעל=Yael/Jael; נועה=Noa/Noah; תמר=Tamar; מיכל=Michal/Mikhal; שירה=Shira; אורלי=Orly/Orli;
דבורה=Dvora/Deborah; רות=Rut/Ruth; אילנה=Ilana; ליאת=Liat; מאיה=Maya/Maia; טל=Tal; הילה=Hila; עדי=Adi; שני=Shani;
אביגיל=Avigail/Abigail; אפרת=Efrat/Ephrat; צפורה=Tzipora/Zipora/Tsipora; יהודית=Yehudit/Judith; גילה=Gila`);
const heSurnames = nativePool(`
כהן=Cohen/Kohen/Kohn/Cohn; לוי=Levi/Levy; מזרחי=Mizrahi/Mizrachi; פרץ=Peretz/Perez; ביטון=Biton/Bitton; דהן=Dahan;
פרידמן=Friedman/Fridman; שפירא=Shapira/Shapiro; כץ=Katz/Kats; אזולאי=Azoulay/Azulai; אוחיון=Ohayon/Ohayun;
אברהם=Avraham/Abraham; מלכה=Malka; בן דוד=Ben David/Ben-David; אלון=Alon; גולדברג=Goldberg; רוזנברג=Rosenberg/Rozenberg;
פרלמן=Perlman/Pearlman; אשכנזי=Ashkenazi; ספרדי=Sfaradi/Sephardi; חדד=Hadad/Haddad; עמר=Amar; גבאי=Gabay/Gabai;
בן חיים=Ben Haim/Ben-Chaim; שלום=Shalom; יוסף=Yosef/Yossef; סגל=Segal/Segel; וייס=Weiss/Vais; קליין=Klein/Klain;
שטרן=Stern/Shtern; ברגר=Berger; טל=Tal; הראל=Harel; בר=Bar; אוחנה=Ohana; אלמוג=Almog; נחום=Nahum/Nachum`);

/** Hebrew (Israel): given name, surname (Ashkenazi, Sephardi, Mizrahi or Hebraised). */
export const hebrew = defineCulture({
  key: 'hebrew',
  script: 'Hebr',
  countries: [['ISR', 100]],
  male: heMale,
  female: heFemale,
  surnames: plainSurnames(heSurnames),
});
