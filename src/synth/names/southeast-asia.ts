/**
 * Thai (Thai script, RTGS and the popular spellings: Phonthip / Porntip), Vietnamese (diacritics, family name first:
 * Nguyễn Văn An → NGUYEN VAN AN) and Indonesian names (often one name; the pre-1972 spelling oe/dj/tj still appears:
 * Sutrisno / Soetrisno, Joko / Djoko). Thai surnames are composed from syllables, as many are coined.
 */
import { defineCulture, plainSurnames } from './build.js';
import { latinPart, latinPool, nativePool, unique } from './pool.js';
import type { NamePart } from './types.js';
import { token } from './types.js';
import type { Rng } from '../prng.js';

const thMale = nativePool(`
สมชาย=Somchai; สมศักดิ์=Somsak; ประเสริฐ=Prasoet/Prasert; สุรชัย=Surachai; วิชัย=Wichai/Vichai; ชัยวัฒน์=Chaiwat/Chaiwatt;
อนุชา=Anucha; ธนากร=Thanakon/Thanakorn; กิตติ=Kitti; ณัฐพล=Natthaphon/Nattapon/Nuttapol; พงศกร=Phongsakon/Pongsakorn;
วีระ=Wira/Veera; บุญมี=Bunmi/Boonmee; สมบัติ=Sombat; อภิชาติ=Aphichat/Apichart; ธีระ=Thira/Teera;
นพดล=Nopphadon/Noppadol; สุริยา=Suriya; ศักดิ์ชัย=Sakchai; เกียรติศักดิ์=Kiattisak; ประยุทธ=Prayut/Prayuth;
สุเทพ=Suthep/Sutep; ชาญ=Chan/Charn; วัชระ=Watchara/Watchara; ปิยะ=Piya; อดิศักดิ์=Adisak; เอกชัย=Ekkachai/Ekachai`);
const thFemale = nativePool(`
สมหญิง=Somying; มาลี=Mali/Malee; สุดา=Suda; นภา=Napha/Napa; วันเพ็ญ=Wanphen/Wanpen; รัตนา=Rattana/Ratana;
ศิริพร=Siriphon/Siriporn; กาญจนา=Kanchana/Kanjana; พรทิพย์=Phonthip/Porntip; สุภาพร=Suphaphon/Supaporn;
อรุณี=Aruni/Arunee; นันทนา=Nanthana/Nantana; จันทร์เพ็ญ=Chanphen/Junpen; ปิยะนุช=Piyanut/Piyanuch; วรรณา=Wanna;
ดวงใจ=Duangchai/Duangjai; ทิพวรรณ=Thipphawan/Tippawan; อัญชลี=Anchali/Unchalee; ลำดวน=Lamduan; บุษบา=Butsaba/Busaba;
นิตยา=Nittaya/Nitaya; เพ็ญศรี=Phensi/Pensri; สายสุนีย์=Saisuni/Saisunee; อำไพ=Amphai/Ampai; ศรีสุดา=Sisuda/Srisuda`);
const thElements = nativePool(`
ศรี=Si/Sri; สุข=Suk/Sook; ทอง=Thong/Tong; วงศ์=Wong/Vong; ชัย=Chai; บุญ=Bun/Boon; แก้ว=Kaeo/Kaew; เจริญ=Charoen/Jaroen;
สมบูรณ์=Sombun/Somboon; รัตน์=Rat/Rath; พงษ์=Phong/Pong; สวัสดิ์=Sawat/Sawasdi; ศักดิ์=Sak; กุล=Kun/Kul; สิทธิ์=Sit/Sith;
ดี=Di/Dee; มั่น=Man; ยิ่ง=Ying; เรือง=Rueang/Ruang; จันทร์=Chan/Jan; นาค=Nak/Nark; ใจ=Chai/Jai; วิเศษ=Wiset/Viset;
ธรรม=Tham/Thum; สิริ=Siri; ประเสริฐ=Prasoet/Prasert; พันธ์=Phan/Pan; เกษม=Kasem; มณี=Mani/Manee; อินทร์=In`);

function composeThai(rng: Rng): NamePart {
  const count = rng.chance(0.6) ? 2 : 3;
  const parts = Array.from({ length: count }, () => rng.pick(thElements));
  const rtgs = parts.map((p) => p.latin[0]!.toLowerCase()).join('');
  const popular = parts.map((p) => (p.latin[1] ?? p.latin[0]!).toLowerCase()).join('');
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return { native: parts.map((p) => p.native).join(''), latin: unique([cap(rtgs), cap(popular)]) };
}

/** Thai: given name and a coined surname, both in Thai script. */
export const thai = defineCulture({
  key: 'thai',
  script: 'Thai',
  countries: [['THA', 100]],
  male: thMale,
  female: thFemale,
  surnames: [],
  composeSurname: composeThai,
  composedShare: 1,
});

const viSurnames =
  latinPool(`Nguyễn; Trần; Lê; Phạm; Hoàng; Huỳnh; Phan; Vũ; Võ; Đặng; Bùi; Đỗ; Hồ; Ngô; Dương; Lý; Đào; Đoàn;
Vương; Trương; Đinh; Lâm; Mai; Trịnh; Lưu; Tạ; Tô; Hà; Quách; Thái; Cao; Chu`);
const viMiddleMale = latinPool(`Văn; Đức; Minh; Hữu; Quang; Công; Thành; Xuân; Ngọc; Thanh; Trọng; Hoàng`);
const viMiddleFemale = latinPool(`Thị; Ngọc; Thanh; Kim; Thu; Minh; Hồng; Phương; Bích; Mỹ`);
const viMale =
  latinPool(`An; Bình; Cường; Dũng; Hùng; Hải; Hiếu; Khánh; Long; Minh; Nam; Phúc; Quân; Sơn; Thắng; Tuấn; Việt;
Huy; Hoà; Toàn; Tùng; Trung; Đạt; Khoa; Lâm; Nghĩa; Phong; Quý; Tài; Thịnh; Vinh; Bảo; Duy; Hưng; Kiên; Thông`);
const viFemale =
  latinPool(`Anh; Bích; Châu; Dung; Hà; Hạnh; Hằng; Hoa; Hương; Lan; Linh; Mai; Ngân; Nhung; Phương; Thảo;
Trang; Tuyết; Vy; Yến; Giang; Hiền; Huyền; Loan; Ly; My; Nga; Oanh; Quyên; Tâm; Thủy; Trâm; Uyên; Vân; Xuân`);

/** Vietnamese: family name, middle name (Văn, Thị…), given name; written with diacritics, folded by ICAO. */
export const vietnamese = defineCulture({
  key: 'vietnamese',
  script: 'Latn',
  countries: [['VNM', 100]],
  male: viMale,
  female: viFemale,
  surnames: plainSurnames(viSurnames),
  surnameFirst: true,
  middle: (rng, gender) =>
    rng.chance(0.85) ? token('middle', rng.pick(gender === 'male' ? viMiddleMale : viMiddleFemale)) : undefined,
});

/** The pre-1972 (Van Ophuijsen) spelling of an Indonesian name: u → oe, j → dj, y → j, c → tj. */
export function oldIndonesianSpelling(name: string): string {
  return name
    .replace(/j/g, 'dj')
    .replace(/J/g, 'Dj')
    .replace(/y(?=[aeiou])/g, 'j')
    .replace(/Y(?=[aeiou])/g, 'J')
    .replace(/c/g, 'tj')
    .replace(/C/g, 'Tj')
    .replace(/u/g, 'oe')
    .replace(/U/g, 'Oe');
}

function indonesianPool(text: string): NamePart[] {
  return latinPool(text).map((p) => latinPart([p.native, oldIndonesianSpelling(p.native)]));
}

const idMale =
  indonesianPool(`Budi; Agus; Slamet; Joko; Eko; Bambang; Hendra; Dedi; Wahyu; Rudi; Andi; Irfan; Rizky; Dimas;
Fajar; Arif; Hadi; Yusuf; Iwan; Teguh; Sugeng; Supriyadi; Sutrisno; Suparman; Prasetyo; Nugroho; Setiawan; Kurniawan;
Hidayat; Gunawan; Santoso; Wibowo; Purnomo; Saputra; Pratama; Firmansyah; Ramadhan; Hakim; Syahputra; Sujatmiko`);
const idFemale = indonesianPool(`Siti; Sri; Dewi; Ani; Rina; Yuni; Wati; Nur; Ayu; Putri; Indah; Lestari; Fitri; Wulan;
Ratna; Kartika; Ningsih; Rahayu; Puspita; Maya; Novi; Dian; Eka; Lina; Sari; Utami; Wahyuni; Handayani; Susanti;
Yulianti; Suryani; Kusuma; Permata; Anggraini; Cahyani`);
const idSurnames = indonesianPool(`Setiawan; Kurniawan; Hidayat; Gunawan; Santoso; Wibowo; Purnomo; Saputra; Pratama;
Nugroho; Susanto; Wijaya; Halim; Siregar; Nasution; Lubis; Simanjuntak; Hutapea; Sitompul; Harahap; Tanjung; Pohan;
Sinaga; Pangaribuan; Manurung; Situmorang; Rangkuti; Daulay; Hasibuan; Ginting; Tarigan; Sembiring; Sitepu`);

/** Indonesian: a single name for many, otherwise given name(s) and a family or clan name (Batak: Siregar…). */
export const indonesian = defineCulture({
  key: 'indonesian',
  script: 'Latn',
  countries: [
    ['IDN', 90],
    ['MYS', 10],
  ],
  male: idMale,
  female: idFemale,
  surnames: plainSurnames(idSurnames),
  singleName: 0.35,
  secondGiven: 0.3,
});
