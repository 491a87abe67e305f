import { pinyin } from 'pinyin-pro';

/**
 * English names of GB/T 2260 divisions, as Chinese addresses are written in English: the place in
 * pinyin (Chaoyang, Xi'an) and the kind of division translated (District, County, Autonomous
 * Prefecture). Provinces and a few cities go by the names the world knows them by.
 */

const PROVINCES: Record<string, string> = {
  '110000': 'Beijing', '120000': 'Tianjin', '130000': 'Hebei', '140000': 'Shanxi', '150000': 'Inner Mongolia', '210000': 'Liaoning',
  '220000': 'Jilin', '230000': 'Heilongjiang', '310000': 'Shanghai', '320000': 'Jiangsu', '330000': 'Zhejiang', '340000': 'Anhui',
  '350000': 'Fujian', '360000': 'Jiangxi', '370000': 'Shandong', '410000': 'Henan', '420000': 'Hubei', '430000': 'Hunan',
  '440000': 'Guangdong', '450000': 'Guangxi', '460000': 'Hainan', '500000': 'Chongqing', '510000': 'Sichuan', '520000': 'Guizhou',
  '530000': 'Yunnan', '540000': 'Tibet', '610000': 'Shaanxi', '620000': 'Gansu', '630000': 'Qinghai', '640000': 'Ningxia',
  '650000': 'Xinjiang', '710000': 'Taiwan', '810000': 'Hong Kong', '820000': 'Macao',
};

/** Places whose English name is not their pinyin. */
const KNOWN: Record<string, string> = {
  呼和浩特市: 'Hohhot',
  乌鲁木齐市: 'Urumqi',
  拉萨市: 'Lhasa',
  哈尔滨市: 'Harbin',
  喀什地区: 'Kashgar Prefecture',
  喀什市: 'Kashgar',
  和田地区: 'Hotan Prefecture',
  和田市: 'Hotan',
  日喀则市: 'Shigatse',
  呼伦贝尔市: 'Hulunbuir',
  鄂尔多斯市: 'Ordos',
  塔什库尔干塔吉克自治县: 'Taxkorgan Tajik Autonomous County',
  // Read wrong by word: 行 is hang here.
  闵行区: 'Minhang District',
  鄂伦春自治旗: 'Oroqen Autonomous Banner',
};

/** The peoples autonomous divisions are named after (朝鲜族 → Korean); longest names first when read. */
const PEOPLES: Record<string, string> = {
  蒙古: 'Mongol', 回: 'Hui', 藏: 'Tibetan', 维吾尔: 'Uyghur', 苗: 'Miao', 彝: 'Yi', 壮: 'Zhuang', 布依: 'Bouyei', 朝鲜: 'Korean',
  满: 'Manchu', 侗: 'Dong', 瑶: 'Yao', 白: 'Bai', 土家: 'Tujia', 哈尼: 'Hani', 哈萨克: 'Kazak', 傣: 'Dai', 黎: 'Li', 傈僳: 'Lisu',
  佤: 'Va', 畲: 'She', 拉祜: 'Lahu', 水: 'Shui', 东乡: 'Dongxiang', 纳西: 'Naxi', 景颇: 'Jingpo', 土: 'Tu', 达斡尔: 'Daur',
  仫佬: 'Mulao', 羌: 'Qiang', 布朗: 'Blang', 撒拉: 'Salar', 毛南: 'Maonan', 仡佬: 'Gelao', 普米: 'Pumi', 怒: 'Nu', 鄂温克: 'Evenki',
  保安: 'Bonan', 裕固: 'Yugur', 独龙: 'Derung', 各: 'Various Nationalities',
};
const PEOPLE_NAMES = Object.keys(PEOPLES).sort((a, b) => b.length - a.length);

/** The kinds of division by the word that ends the name, longest first; '' keeps the place's name alone. */
const KINDS: [suffix: string, english: string][] = [
  ['省直辖县级行政区划', 'County-level divisions under the province'],
  ['自治区直辖县级行政区划', 'County-level divisions under the region'],
  ['特别行政区', ''],
  ['自治区', ''],
  ['自治州', 'Autonomous Prefecture'],
  ['自治县', 'Autonomous County'],
  ['自治旗', 'Autonomous Banner'],
  ['行政委员会', 'Administrative Committee'],
  ['市辖区', 'Districts'],
  ['新区', 'New Area'],
  ['林区', 'Forestry District'],
  ['特区', 'Special District'],
  ['地区', 'Prefecture'],
  ['区', 'District'],
  ['县', 'County'],
  ['旗', 'Banner'],
  ['盟', 'League'],
  ['市', ''],
  ['省', ''],
];

const cache = new Map<string, string>();

/** The English name of a division given its code and Chinese name. */
export function regionNameEn(code: string, name: string): string {
  const province = PROVINCES[code];
  if (province) return province;
  let english = cache.get(name);
  if (english === undefined) {
    english = KNOWN[name] ?? translate(name);
    cache.set(name, english);
  }
  return english;
}

function translate(name: string): string {
  const kind = KINDS.find(([suffix]) => name.endsWith(suffix) && name.length > suffix.length) ?? KINDS.find(([suffix]) => name === suffix);
  if (!kind) return romanize(name);
  const [suffix, english] = kind;
  let place = name.slice(0, name.length - suffix.length);
  if (!place) return english;
  // 湘西土家族苗族自治州: the peoples after the place, read from the end.
  const peoples: string[] = [];
  if (suffix.startsWith('自治')) {
    for (;;) {
      if (!place.endsWith('族') && !place.endsWith('各')) break;
      const body = place.endsWith('族') ? place.slice(0, -1) : place;
      const people = PEOPLE_NAMES.find((p) => body.endsWith(p) && body.length > p.length);
      if (!people) break;
      peoples.unshift(PEOPLES[people]!);
      place = body.slice(0, body.length - people.length);
    }
  }
  // A one-syllable place keeps its generic word in pinyin (沛县 → Peixian County), as maps write it.
  const romanized = place.length === 1 ? romanize(name.slice(0, 2)) : romanize(place);
  const people = peoples.length > 1 ? `${peoples.slice(0, -1).join(', ')} and ${peoples.at(-1)}` : (peoples[0] ?? '');
  return [romanized, people, english].filter(Boolean).join(' ');
}

/** Pinyin written as one word, capitalised, with an apostrophe where a syllable starting with a, o or e would run on (Xi'an). */
function romanize(text: string): string {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
  const word = syllables.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
}
