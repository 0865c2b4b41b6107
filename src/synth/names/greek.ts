/**
 * Greek names in Greek script, romanised as Greek passports do (ELOT 743: Γεώργιος → Georgios, Ευάγγελος →
 * Evangelos), by the strict letter-for-letter reading still seen (Evaggelos), phonetically (Hristos, Yiorgos,
 * Vasilios) and classically (Demetrios, Basileios, Euangelos). Women's surnames take the genitive (-ου, -η).
 */
import { defineCulture, plainSurnames } from './build.js';
import { translitPart, translitPool } from './pool.js';
import { letters, transliterate, type TranslitSystem } from './translit.js';
import type { NamePart } from './types.js';
import type { Rng } from '../prng.js';

const gr = 'α β γ δ ε ζ η θ ι κ λ μ ν ξ ο π ρ σ ς τ υ φ χ ψ ω';
const voiceless = '(?=[θκξπστφχψ]|$)';

const elot: TranslitSystem = {
  table: letters(gr, 'a v g d e z i th i k l m n x o p r s s t y f ch ps o'),
  rewrite: [
    [/ου/g, 'ou'],
    [new RegExp(`αυ${voiceless}`, 'g'), 'af'],
    [new RegExp(`ευ${voiceless}`, 'g'), 'ef'],
    [/αυ/g, 'av'],
    [/ευ/g, 'ev'],
    [/γγ/g, 'ng'],
    [/γξ/g, 'nx'],
    [/γχ/g, 'nch'],
    [/^μπ/g, 'b'],
  ],
};
const strict: TranslitSystem = {
  table: letters(gr, 'a v g d e z i th i k l m n x o p r s s t y f ch ps o'),
  rewrite: [
    [/ου/g, 'ou'],
    [/αυ/g, 'av'],
    [/ευ/g, 'ev'],
  ],
};
const phonetic: TranslitSystem = {
  table: letters(gr, 'a v g d e z i th i k l m n x o p r s s t i f h ps o'),
  rewrite: [
    [/ου/g, 'ou'],
    [/ει|οι/g, 'i'],
    [/αι/g, 'e'],
    [/^γι(?=[αοωου])/g, 'yi'],
    [/αυ/g, 'av'],
    [/ευ/g, 'ev'],
    [/γγ|γκ/g, 'ng'],
    [/^μπ/g, 'b'],
    [/^ντ/g, 'd'],
  ],
};
const classical: TranslitSystem = {
  table: letters(gr, 'a b g d e z e th i k l m n x o p r s s t y ph ch ps o'),
  rewrite: [
    [/ου/g, 'ou'],
    [/αυ/g, 'au'],
    [/ευ/g, 'eu'],
    [/γγ/g, 'ng'],
  ],
};

function system(s: TranslitSystem): (native: string) => string {
  return (native) => transliterate(native.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC'), s);
}

/** Greek systems: ELOT 743 (passports), strict letter-for-letter, phonetic English, classical. */
export const greekSystems = [elot, strict, phonetic, classical].map(system);

const words = (text: string) => text.trim().replace(/\s+/g, ';');

const male = translitPool(
  words(`Γεώργιος Δημήτριος Ιωάννης Κωνσταντίνος Νικόλαος Παναγιώτης Βασίλειος Χρήστος Αθανάσιος Μιχαήλ Ευάγγελος
  Σπυρίδων Αντώνιος Αναστάσιος Θεόδωρος Ανδρέας Χαράλαμπος Στυλιανός Ηλίας Εμμανουήλ Πέτρος Σταύρος Αλέξανδρος
  Απόστολος Γρηγόριος Λεωνίδας Στέφανος Φώτιος Παύλος Άγγελος Θωμάς Μάριος Σωτήριος Κυριάκος Διονύσιος Ευστάθιος
  Γεράσιμος Ορέστης Φίλιππος Λάμπρος Μιλτιάδης Πρόδρομος Τιμόθεος Ραφαήλ Ζαχαρίας Γιώργος Γιάννης Κώστας Νίκος
  Τάσος Μανώλης Ευθύμιος Αριστείδης Περικλής Σάββας`),
  greekSystems,
);
const female = translitPool(
  words(`Μαρία Ελένη Αικατερίνη Βασιλική Σοφία Αγγελική Γεωργία Δήμητρα Κωνσταντίνα Παρασκευή Ευαγγελία Χριστίνα
  Ιωάννα Αναστασία Ειρήνη Δέσποινα Θεοδώρα Αθηνά Ευτυχία Φωτεινή Σταυρούλα Παναγιώτα Χρυσούλα Αλεξάνδρα Ευγενία
  Μαργαρίτα Κυριακή Αργυρώ Ζωή Ανθή Χαρίκλεια Νικολέτα Αφροδίτη Πηνελόπη Καλλιόπη Ευθυμία Στέλλα Δανάη Ελπίδα
  Όλγα Ευδοκία Βαρβάρα Θεοπίστη`),
  greekSystems,
);
const surnames = translitPool(
  words(`Παπαδόπουλος Παπαδάκης Παπανικολάου Γεωργίου Νικολάου Ιωάννου Δημητρίου Παπαγεωργίου Οικονόμου Βασιλείου
  Κωνσταντίνου Αντωνίου Μακρής Παππάς Καραγιάννης Αθανασίου Χριστοδούλου Μιχαηλίδης Γεωργιάδης Ιωαννίδης
  Θεοδωρίδης Παπαδημητρίου Αλεξίου Σταματόπουλος Κωνσταντινίδης Πετρόπουλος Αναγνώστου Λαμπρόπουλος Ζαχαρίου
  Μαυρίδης Σαββίδης Ηλιόπουλος Χατζηδάκης Κυριακίδης Πολυχρόνης Βλάχος Αποστολόπουλος Στεφανίδης Τσακίρης
  Δημόπουλος Μπακάλης Κουτσούρης Ζερβός Αγγελόπουλος Φωτίου Σπυρόπουλος Τζαννετάκης Καλογεράκης Μανωλάκης
  Σταυρόπουλος Χριστόπουλος Αργυρόπουλος Κάππος Δούκας Λιάπης Ρήγας Γιαννόπουλος Κανελλόπουλος Μαρκόπουλος
  Ευαγγέλου Μπουλούκος Ντόκος Γκίκας Καραμπέτσος Ξενάκης Ψαράς Θεοχάρης`),
  greekSystems,
);

const roots = `Αντων Βασιλ Γεωργ Δημητρ Θεοδωρ Ιωανν Κωνσταντιν Λαμπρ Μιχαλ Νικολ Παυλ Σταυρ Χριστ Σπυρ Αναστασ
  Μαυρ Καλ Μαρκ Φωτ Ζαχαρ Πετρ Αγγελ Αργυρ Στεφαν Γρηγορ Θωμ Σαββ Ηλι Κυριακ Μανωλ Γιαννακ Στρατ`.split(/\s+/);

function compose(rng: Rng): NamePart {
  const prefix = rng.chance(0.2) ? 'Παπα' : rng.chance(0.08) ? 'Χατζη' : '';
  let root = rng.pick(roots);
  if (prefix !== '') root = root.toLowerCase();
  return translitPart(prefix + root + rng.pick(['όπουλος', 'άκης', 'ίδης', 'άτος', 'ίου']), greekSystems);
}

function feminine(part: NamePart): NamePart {
  const s = part.native;
  const f = s
    .replace(/όπουλος$/, 'οπούλου')
    .replace(/ος$/, 'ου')
    .replace(/ός$/, 'ού')
    .replace(/ης$/, 'η')
    .replace(/ής$/, 'ή')
    .replace(/άς$/, 'ά')
    .replace(/ας$/, 'α');
  return f === s ? part : translitPart(f, greekSystems);
}

/** Greek: one or two given names, a surname with its feminine genitive. */
export const greek = defineCulture({
  key: 'greek',
  script: 'Grek',
  countries: [
    ['GRC', 85],
    ['CYP', 15],
  ],
  male,
  female,
  surnames: plainSurnames(surnames),
  composeSurname: compose,
  composedShare: 0.35,
  feminine,
  secondGiven: 0.05,
  systematic: true,
});
