/**
 * Spanish, Portuguese, Latin American and Filipino names: two surnames (paternal then maternal in Spanish, the
 * reverse order customary in Portuguese), particles de/del/de la/da/dos, compound given names (José Luis,
 * María del Carmen), diacritics that ICAO folding drops (Muñoz → MUNOZ, Conceição → CONCEICAO).
 */
import { defineCulture } from './build.js';
import { latinSurnamePool } from './build.js';
import { latinPool } from './pool.js';
import { token } from './types.js';

const esMale = latinPool(`José; Juan; Luis; Carlos; Jorge; Miguel; Francisco; Antonio; Manuel; Pedro; Alejandro; Javier;
Fernando; Rafael; Diego; Andrés; Sergio; Pablo; Raúl; Ricardo; Eduardo; Roberto; Alberto; Héctor; Óscar; Julio;
Marco; Víctor; Rubén; Iván; Jesús; Ángel; Mario; Gabriel; Daniel; David; Enrique; Gustavo; Arturo; Ramón; Santiago;
Sebastián; Mateo; Nicolás; Emilio; Ignacio; Gonzalo; Álvaro; Guillermo; Hugo; Joaquín; Tomás; Adrián; Martín;
Felipe; José Luis; Juan Carlos; Juan Pablo; José Antonio; Luis Miguel; Miguel Ángel; Juan José; Cristian/Christian;
Wilmer; Yeison/Jason; Brayan/Bryan; Edwin; Nelson; Esteban; Rodrigo; Fabián; Mauricio; Alonso; Ernesto`);
const esFemale = latinPool(`María; Ana; Carmen; Laura; Isabel; Lucía; Marta; Elena; Paula; Sofía; Valentina; Camila;
Daniela; Gabriela; Andrea; Carolina; Patricia; Rosa; Teresa; Pilar; Cristina; Beatriz; Verónica; Silvia; Mónica;
Natalia; Adriana; Alejandra; Claudia; Diana; Fernanda; Guadalupe; Juana; Lorena; Mariana; Paola; Ximena/Jimena;
Yolanda; Luz; Dolores; Inés; Raquel; Sara; Irene; María José; María Fernanda; Ana María; María del Carmen;
María de los Ángeles; Luz Marina; Yesenia; Jennifer/Yénifer; Leidy/Lady; Katherine/Katerin; Milagros; Rocío;
Esperanza; Consuelo; Gloria; Marisol; Maribel; Angélica; Julieta; Florencia; Agustina; Antonella`);
const esSurnames = latinSurnamePool(`García; Rodríguez; González; Fernández; López; Martínez; Sánchez; Pérez; Gómez;
Martín; Jiménez; Ruiz; Hernández; Díaz; Moreno; Muñoz; Álvarez; Romero; Alonso; Gutiérrez; Navarro; Torres;
Domínguez; Vázquez/Vásquez; Ramos; Gil; Ramírez; Serrano; Blanco; Molina; Morales; Suárez; Ortega; Delgado; Castro;
Ortiz; Rubio; Marín; Sanz; Núñez; Iglesias; Medina; Garrido; Cortés; Castillo; Santos; Lozano; Guerrero; Cano;
Prieto; Méndez; Cruz; Calvo; Gallego; Vidal; León; Márquez; Herrera; Peña; Flores; Cabrera; Campos; Vega; Fuentes;
Carrasco; Diez; Reyes; Caballero; Nieto; Aguilar; Pascual; Santana; Herrero; Lorenzo; Hidalgo; Montero; Ibáñez;
Giménez; Ferrer; Durán; Benítez; Mora; Vicente; Vargas; Arias; Carmona; Crespo; Román; Pastor; Soto; Sáez; Velasco;
Moya; Soler; Parra; Esteban; Bravo; Gallardo; Rojas; Pardo; Merino; Franco; Espinosa; Lara; Rivas; Silva; Rivera;
Arroyo; Camacho; Rey; Vera; Otero; Montes; Ríos; Sierra; Carrillo; Quispe; Mamani; Huamán; Condori; Chávez; Salazar;
Mejía; Cárdenas; Acosta; Zapata; Ospina; Restrepo; Londoño; Velásquez; Pineda; Villalobos; Zúñiga; Araya; Figueroa;
Maldonado; Contreras; Paredes; Sepúlveda; Valenzuela; Cisneros; Bermúdez; Quintero; Cuéllar; Echeverría; Ibarra;
de la Fuente; del Río; de la Cruz; de León; del Valle; de los Santos; de la Torre; de Castro; de la Rosa; del Pino`);

/** Spanish (Spain and Latin America): given name(s), paternal and maternal surnames. */
export const spanish = defineCulture({
  key: 'spanish',
  script: 'Latn',
  countries: [
    ['MEX', 20],
    ['COL', 14],
    ['ESP', 12],
    ['ARG', 8],
    ['PER', 8],
    ['VEN', 10],
    ['GTM', 5],
    ['HND', 5],
    ['SLV', 4],
    ['ECU', 5],
    ['BOL', 4],
    ['DOM', 4],
    ['CUB', 3],
    ['CHL', 4],
    ['NIC', 3],
    ['PRY', 2],
  ],
  male: esMale,
  female: esFemale,
  surnames: esSurnames,
  secondGiven: 0.15,
  secondSurname: 0.85,
  nicknames: { José: 'Pepe', Francisco: 'Paco', Jesús: 'Chucho', Guadalupe: 'Lupe', Dolores: 'Lola', Ignacio: 'Nacho' },
});

const ptMale = latinPool(`João; José; António/Antônio; Francisco; Pedro; Paulo; Carlos; Manuel; Luís/Luiz; Miguel; Rui;
Tiago/Thiago; Bruno; Ricardo; Rafael; Gabriel; Lucas; Mateus/Matheus; Gustavo; Filipe/Felipe; Rodrigo; Marcelo;
Fernando; Eduardo; André; Diogo; Vítor/Victor; Leonardo; Guilherme; Henrique; Joaquim; Sebastião; Raimundo;
Wellington; Anderson; Wesley; Cleiton/Kleiton; Edson; Fábio; Márcio; Rogério; Sérgio; Davi; Heitor; Arthur; Caio;
João Pedro; José Carlos; Luiz Carlos; Antônio Carlos`);
const ptFemale = latinPool(`Maria; Ana; Francisca; Antónia/Antônia; Adriana; Juliana; Márcia; Fernanda; Patrícia; Aline;
Sandra; Camila; Amanda; Bruna; Jéssica; Letícia; Larissa; Beatriz; Mariana; Gabriela; Rita; Inês; Joana; Catarina;
Sofia; Leonor; Conceição; Fátima; Lúcia; Raimunda; Luana; Tatiane; Daiane; Vanessa; Cláudia; Débora; Simone;
Rosângela; Maria José; Ana Paula; Maria Eduarda; Ana Clara; Maria das Graças; Maria da Conceição`);
const ptSurnames =
  latinSurnamePool(`Silva; Santos; Oliveira; Souza/Sousa; Rodrigues; Ferreira; Alves; Pereira; Lima; Gomes;
Costa; Ribeiro; Martins; Carvalho; Almeida; Lopes; Soares; Fernandes; Vieira; Barbosa; Rocha; Dias; Nascimento;
Andrade; Moreira; Nunes; Marques; Machado; Mendes; Freitas; Cardoso; Ramos; Gonçalves; Santana; Teixeira; Correia;
Araújo; Pinto; Moura; Cavalcanti; Monteiro; Azevedo; Batista; Campos; Coelho; Cunha; Magalhães; Medeiros; Miranda;
Nogueira; Pires; Reis; Sampaio; Tavares; Xavier; Brandão; Guimarães; Figueiredo; Borges; Lacerda; Siqueira;
da Silva; dos Santos; de Oliveira; da Costa; de Souza; das Neves; do Nascimento; de Jesus; da Conceição; dos Reis;
da Cruz; de Almeida; da Rocha; de Lima`);

/** Portuguese and Brazilian: given name(s), mother's and father's surnames with da/dos/de. */
export const portuguese = defineCulture({
  key: 'portuguese',
  script: 'Latn',
  countries: [
    ['BRA', 70],
    ['PRT', 15],
    ['AGO', 7],
    ['MOZ', 5],
    ['CPV', 2],
    ['GNB', 1],
  ],
  male: ptMale,
  female: ptFemale,
  surnames: ptSurnames,
  secondGiven: 0.1,
  secondSurname: 0.7,
});

const phMale = latinPool(`Jose; Juan; Mark; John Paul; Christian; Jerome; Rommel; Ramil; Rogelio; Danilo; Reynaldo;
Eduardo; Noel; Arnel; Jomar; Jayson; Ronaldo; Efren; Bienvenido; Wilfredo; Alvin; Michael; Jeffrey; Carlo; Angelo;
Jun; Dindo; Nestor; Rodel; Ariel; Jonathan; Joel; Ernesto; Romeo; Marvin; Rey; Renato; Bong; Jhun; Kristoffer`);
const phFemale =
  latinPool(`Maria; Ma. Cristina; Maricel; Marites; Rowena; Jocelyn; Analyn; Lorna; Gemma; Cristina; Rosalie;
Mary Grace; Mary Joy; Kristine; Joy; Rhea; Aileen; Girlie; Lovely; Princess; Angelica; Divina; Erlinda; Remedios;
Luzviminda; Teresita; Marilou; Rosario; Jennylyn; Lea; Shiela; Grace; Evangeline; Milagros; Nenita`);
const phSurnames = latinSurnamePool(`Santos; Reyes; Cruz; Bautista; Ocampo; Garcia; Mendoza; Torres; Tomas; Andrada;
Castillo; Flores; Villanueva; Ramos; Castro; Rivera; Aquino; Navarro; Salazar; Mercado; dela Cruz/Dela Cruz/Delacruz;
de Leon; del Rosario; de Guzman; Dizon; Manalo; Pascual; Soriano; Lopez; Gonzales; Aguilar; Macaraeg; Dimaculangan;
Magbanua; Mangubat; Lacson; Tolentino; Panganiban; Mangahas; Sison; Tan; Lim; Go; Dumlao; Cabrera; Malabanan;
Bernardo; Galang; Manansala; Lagman; Pangilinan; Buenaventura; Esguerra; Sarmiento`);

/** Filipino: given name(s), the mother's maiden surname as a middle name, the father's surname. */
export const filipino = defineCulture({
  key: 'filipino',
  script: 'Latn',
  countries: [['PHL', 100]],
  male: phMale,
  female: phFemale,
  surnames: phSurnames,
  secondGiven: 0.2,
  middle: (rng) => (rng.chance(0.7) ? token('middle', rng.pick(phSurnames).part) : undefined),
});
