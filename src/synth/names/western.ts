/**
 * French, German, Dutch and English names. German umlauts and ß fold two ways (Müller → MUELLER by ICAO, MULLER by
 * older systems), Dutch surnames carry van/van der/de, English surnames O'Brien and McDonald lose or keep their
 * punctuation. Long tails are composed from German and Dutch surname elements.
 */
import { defineCulture, latinSurnamePool, plainSurnames } from './build.js';
import { latinPart, latinPool } from './pool.js';
import type { NamePart } from './types.js';
import type { Rng } from '../prng.js';

const frMale = latinPool(`Jean; Pierre; Michel; André; Philippe; Alain; Jacques; Bernard; Nicolas; Christophe; François;
Laurent; Stéphane; Sébastien; Julien; David; Thomas; Olivier; Patrick; Éric; Frédéric; Guillaume; Antoine; Maxime;
Romain; Alexandre; Vincent; Mathieu; Hugo; Lucas; Louis; Théo; Gabriel; Arthur; Raphaël; Jules; Adam; Léo; Nathan;
Clément; Benoît; Cédric; Didier; Gérard; Yves; René; Marcel; Jérôme; Jean-Pierre; Jean-Luc; Jean-Marc;
Jean-François; Pierre-Yves; Loïc; Yannick; Gaëtan; Thibault; Aurélien; Quentin; Baptiste; Florian; Kévin`);
const frFemale =
  latinPool(`Marie; Nathalie; Isabelle; Sylvie; Catherine; Françoise; Christine; Monique; Valérie; Sandrine;
Sophie; Céline; Stéphanie; Aurélie; Julie; Camille; Émilie; Léa; Chloé; Manon; Emma; Inès; Jade; Louise; Alice;
Lina; Élodie; Mathilde; Pauline; Charlotte; Juliette; Margaux; Amélie; Hélène; Brigitte; Danielle; Josiane;
Anne-Marie; Marie-Claire; Maëlle; Clémence; Océane; Gaëlle; Solène; Anaïs; Noémie; Laëtitia; Agnès; Geneviève`);
const frSurnames =
  latinSurnamePool(`Martin; Bernard; Dubois; Thomas; Robert; Richard; Petit; Durand; Leroy; Moreau; Simon;
Laurent; Lefèvre; Michel; Garcia; David; Bertrand; Roux; Vincent; Fournier; Morel; Girard; André; Lefebvre;
Mercier; Dupont; Lambert; Bonnet; François; Martinez; Legrand; Garnier; Faure; Rousseau; Blanc; Guérin; Muller;
Henry; Roussel; Nicolas; Perrin; Morin; Mathieu; Clément; Gauthier; Dumont; Lopez; Fontaine; Chevalier; Robin;
Masson; Sanchez; Gérard; Nguyen; Boyer; Denis; Lemaire; Duval; Joly; Gautier; Roger; Roche; Roy; Noël; Meyer;
Lucas; Meunier; Perez; Marchand; Dufour; Blanchard; Barbier; Brun; Dumas; Brunet; Schmitt; Leroux; Colin;
Fernandez; Renard; Arnaud; Rolland; Caron; Aubert; Giraud; Leclerc; Vidal; Bourgeois; Renaud; Lemoine; Picard;
Gaillard; Leclercq; Lacroix; Fabre; Dupuis; Olivier; Hubert; Guillot; Rivière; Le Gall; Le Roux; Le Goff; Adam;
Moulin; Berger; Lecomte; Ménard; Fleury; Deschamps; Carpentier; Benoît; Maillard; Marchal; Aubry; Vasseur;
Jacquet; Collet; Prévost; Poirier; Charpentier; Royer; Huet; Baron; Dupuy; Pons; Laîné; Carré; Breton; Rémy;
Perrot; Guyot; Barre; Marty; Cousin; de la Fontaine; d'Arcy; de Villiers; du Pont`);

/** French: one or two given names (often hyphenated), a surname. */
export const french = defineCulture({
  key: 'french',
  script: 'Latn',
  countries: [
    ['FRA', 70],
    ['BEL', 12],
    ['CHE', 8],
    ['LUX', 2],
    ['CAN', 8],
  ],
  male: frMale,
  female: frFemale,
  surnames: frSurnames,
  secondGiven: 0.3,
});

const deMale =
  latinPool(`Peter; Michael; Thomas; Andreas; Wolfgang; Klaus; Jürgen; Stefan; Christian; Uwe; Werner; Frank;
Markus; Matthias; Alexander; Martin; Torsten; Sven; Jörg; Dirk; Bernd; Ralf; Holger; Günter; Horst; Dieter; Manfred;
Karl-Heinz; Hans-Peter; Lukas; Jonas; Leon; Finn; Paul; Felix; Maximilian; Niklas; Tim; Jan; Tobias; Florian;
Sebastian; Björn; Jens; Lars; Kai; Götz; Jörn; Sören; Rüdiger; Hans-Jürgen; Detlef; Heiko; Oliver; Moritz; Till`);
const deFemale = latinPool(`Ursula; Monika; Petra; Sabine; Andrea; Susanne; Claudia; Birgit; Gabriele; Karin; Renate;
Heike; Nicole; Stefanie; Julia; Katrin; Anja; Melanie; Sandra; Christina; Anna; Lena; Laura; Lea; Hannah; Sophie;
Marie; Mia; Emma; Lina; Jutta; Gudrun; Brigitte; Ingrid; Helga; Bärbel; Dörte; Jördis; Anne-Kathrin; Annegret;
Käthe; Grete; Jülide; Ilse; Hildegard; Frauke; Silke; Maren; Wiebke; Svenja; Jana; Franziska; Kübra`);
const deSurnames =
  latinSurnamePool(`Müller; Schmidt; Schneider; Fischer; Weber; Meyer; Wagner; Becker; Schulz; Hoffmann;
Schäfer; Koch; Bauer; Richter; Klein; Wolf; Schröder; Neumann; Schwarz; Zimmermann; Braun; Krüger; Hofmann;
Hartmann; Lange; Schmitt; Werner; Schmitz; Krause; Meier; Lehmann; Schmid; Schulze; Maier; Köhler; Herrmann;
König; Walter; Mayer; Huber; Kaiser; Fuchs; Peters; Lang; Scholz; Möller; Weiß; Jung; Hahn; Schubert; Vogel;
Friedrich; Keller; Günther; Frank; Berger; Winkler; Roth; Beck; Lorenz; Baumann; Franke; Albrecht; Schuster; Simon;
Ludwig; Böhm; Winter; Kraus; Martin; Schumacher; Krämer; Vogt; Stein; Jäger; Otto; Sommer; Groß; Seidel;
Heinrich; Brandt; Haas; Schreiber; Graf; Schulte; Dietrich; Ziegler; Kuhn; Kühn; Pohl; Engel; Horn; Busch;
Bergmann; Thomas; Voigt; Sauer; Arnold; Wolff; Pfeiffer; Strauß; Blöß; Rößler; Jürgens; Göbel; Nüßlein;
von Berg; von der Heide; von Bülow; zu Hohenfels; von Stetten`);
const dePrefix = `Berg Stein Rosen Wein Grün Schön Klein Hoch Alt Neu Lind Sonnen Eich Feld Wald Mühl Kirch Brück
  Hof Stroh Wies Bach Dorn Gold Eisen Holz Linden Blumen`.split(/\s+/);
const deSuffix =
  `mann berger feld baum hauer meier müller huber schläger reiter wald thal stätter hofer bach ner brunner
  gärtner maier bauer`.split(/\s+/);

function composeGerman(rng: Rng): NamePart {
  return latinPart([rng.pick(dePrefix) + rng.pick(deSuffix)]);
}

/** German, Austrian and Swiss German: one or two given names, a surname (umlauts and ß as written). */
export const german = defineCulture({
  key: 'german',
  script: 'Latn',
  countries: [
    ['DEU', 80],
    ['AUT', 12],
    ['CHE', 8],
  ],
  male: deMale,
  female: deFemale,
  surnames: deSurnames,
  composeSurname: composeGerman,
  composedShare: 0.3,
  secondGiven: 0.25,
});

const nlMale =
  latinPool(`Jan; Pieter; Kees; Henk; Willem; Johannes; Cornelis; Hendrik; Gerrit; Dirk; Jeroen; Bas; Sander;
Joost; Maarten; Ruud; Bram; Daan; Sem; Lars; Thijs; Stijn; Niels; Wouter; Arjen; Joris; Floris; Teun; Ruben; Tim;
Koen; Rutger; Sjoerd; Frits; Gijs; Jurgen; Erik; Jeroen; Marijn; Wim; Jos; Johan`);
const nlFemale =
  latinPool(`Maria; Anna; Johanna; Cornelia; Wilhelmina; Anneke; Els; Ingrid; Marieke; Sanne; Femke; Lotte;
Eva; Anouk; Sophie; Julia; Emma; Tess; Fleur; Lieke; Noor; Iris; Roos; Ilse; Marloes; Mirjam; Saskia; Esther;
Ellen; Hanneke; Petra; Joke; Ineke; Wilma; Annemieke; Inge; Mieke; Sietske`);
const nlSurnames =
  latinSurnamePool(`de Jong; Jansen; de Vries; van den Berg; van Dijk/van Dyk; Bakker; Janssen; Visser; Smit;
Meijer/Meyer; de Boer; Mulder; de Groot; Bos; Vos; Peters; Hendriks; van Leeuwen; Dekker; Brouwer; de Wit; Dijkstra;
Smits; de Graaf; van der Meer; van der Linden; Kok; Jacobs; de Haan; Vermeulen; van den Heuvel; van der Veen;
van den Broek; de Bruijn/de Bruyn; de Bruin; van der Heijden/van der Heyden; Schouten; van Beek; Willems; van Vliet;
van de Ven; Hoekstra; Maas; Verhoeven; Koster; van Dam; van der Wal; Prins; Blom; Huisman; Peeters; de Lange;
Kuipers; van Wijk; Post; Kuiper; Veenstra; Kramer; van den Brink; Scholten; van Wijngaarden; Martens; Vermeer;
Timmermans; Groen; Bosman; Wouters; van 't Hof; ter Horst; ten Have; van Rijn; Wijnands; IJzerman/Yzerman`);

/** Dutch and Flemish: given names, surnames with van, van der, de, ter. */
export const dutch = defineCulture({
  key: 'dutch',
  script: 'Latn',
  countries: [
    ['NLD', 75],
    ['BEL', 20],
    ['SUR', 5],
  ],
  male: nlMale,
  female: nlFemale,
  surnames: nlSurnames,
  secondGiven: 0.25,
});

const enMale = latinPool(`James; John; Robert; Michael; William; David; Richard; Joseph; Thomas; Charles; Christopher;
Daniel; Matthew; Anthony; Mark; Donald; Steven; Paul; Andrew; Joshua; Kevin; Brian; George; Timothy; Ronald;
Edward; Jason; Jeffrey; Ryan; Jacob; Gary; Nicholas; Eric; Jonathan; Stephen; Larry; Justin; Scott; Brandon;
Benjamin; Samuel; Gregory; Alexander; Patrick; Frank; Raymond; Jack; Dennis; Jerry; Tyler; Aaron; Adam; Nathan;
Henry; Zachary; Douglas; Peter; Kyle; Noah; Ethan; Jeremy; Walter; Keith; Roger; Terry; Sean; Gerald; Carl; Harold;
Dylan; Arthur; Lawrence; Jordan; Jesse; Bryan; Billy; Bruce; Logan; Alan; Albert; Wayne; Randy; Vincent; Liam; Roy;
Ralph; Russell; Bradley; Philip; Eugene; Callum; Connor; Declan; Owen; Rhys`);
const enFemale = latinPool(`Mary; Patricia; Jennifer; Linda; Elizabeth; Barbara; Susan; Jessica; Sarah; Karen; Lisa;
Nancy; Betty; Sandra; Margaret; Ashley; Kimberly; Emily; Donna; Michelle; Carol; Amanda; Melissa; Deborah;
Stephanie; Dorothy; Rebecca; Sharon; Laura; Cynthia; Amy; Kathleen; Angela; Shirley; Brenda; Emma; Anna; Pamela;
Nicole; Samantha; Katherine; Christine; Helen; Rachel; Carolyn; Janet; Catherine; Heather; Diane; Olivia; Julie;
Joyce; Victoria; Ruth; Lauren; Kelly; Joan; Evelyn; Judith; Hannah; Megan; Cheryl; Jacqueline; Martha; Madison;
Gloria; Janice; Ann; Abigail; Sophia; Frances; Alice; Grace; Amber; Denise; Danielle; Charlotte; Natalie; Brittany;
Kayla; Chloe; Siobhan; Niamh; Aoife; Bethany; Courtney; Shannon`);
const enSurnames = plainSurnames(
  latinPool(`Smith; Johnson; Williams; Brown; Jones; Miller; Davis; Wilson; Anderson; Taylor; Thomas; Moore; Jackson;
Martin; Lee; Thompson; White; Harris; Clark; Lewis; Robinson; Walker; Young; Allen; King; Wright; Scott; Hill;
Green; Adams; Baker; Nelson; Carter; Mitchell; Roberts; Turner; Phillips; Campbell; Parker; Evans; Edwards;
Collins; Stewart; Morris; Murphy; Cook; Rogers; Morgan; Cooper; Peterson; Reed; Bailey; Bell; Kelly; Howard; Ward;
Cox; Richardson; Wood; Watson; Brooks; Bennett; Gray; James; Hughes; Price; Sanders; Myers; Long; Ross; Foster;
Powell; Jenkins; Perry; Russell; Sullivan; Fisher; Henderson; Coleman; Simmons; Patterson; Reynolds; Hamilton;
Graham; Wallace; Cole; West; Hayes; Gibson; Ellis; Marshall; Owens; Harrison; Fletcher; O'Brien/OBrien/O Brien;
O'Connor/OConnor/O Connor; McDonald/MacDonald/Mc Donald; MacLeod/McLeod; O'Neill/ONeill; McCarthy; Fitzgerald`),
);

/** English-speaking countries: given name, sometimes a middle name, surname. */
export const english = defineCulture({
  key: 'english',
  script: 'Latn',
  countries: [
    ['USA', 45],
    ['GBR', 25],
    ['CAN', 8],
    ['AUS', 8],
    ['IRL', 6],
    ['NZL', 3],
    ['JAM', 3],
    ['ZAF', 2],
  ],
  male: enMale,
  female: enFemale,
  surnames: enSurnames,
  secondGiven: 0.45,
  nicknames: {
    Robert: 'Bob',
    William: 'Bill',
    James: 'Jim',
    Michael: 'Mike',
    Anthony: 'Tony',
    David: 'Dave',
    Christopher: 'Chris',
    Daniel: 'Dan',
    Matthew: 'Matt',
    Thomas: 'Tom',
    Joseph: 'Joe',
    Steven: 'Steve',
    Elizabeth: 'Liz',
    Katherine: 'Kate',
    Jennifer: 'Jenny',
    Susan: 'Sue',
    Patricia: 'Patty',
    Rebecca: 'Becky',
    Victoria: 'Vicky',
    Margaret: 'Maggie',
  },
});
