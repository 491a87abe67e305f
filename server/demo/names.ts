import { pinyin } from 'pinyin-pro';
import type { Random } from './random.ts';

// Frequent surnames (the 2020 census top list); compound ones are rare and drawn rarely.
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '潘', '袁', '蔡', '蒋', '余', '于', '杜', '叶', '程', '魏', '苏', '吕', '丁', '任', '卢', '姚', '沈', '钟', '姜', '崔', '谭', '陆', '范', '汪', '廖', '石', '金', '韦', '贾', '夏', '付', '方', '邹', '熊', '白', '孟', '秦', '邱', '侯', '江', '尹', '薛', '闫', '段', '雷', '龙', '黎', '史', '陶', '贺', '毛', '郝', '顾', '龚', '邵', '万', '覃', '武', '钱', '戴', '严', '莫', '孔', '向', '常'];
const COMPOUND_SURNAMES = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫'];

/** Given names by gender: a single character that stands alone, or a first and a second character. */
const GIVEN = {
  male: {
    single: ['伟', '强', '磊', '军', '勇', '杰', '涛', '明', '超', '刚', '斌', '鹏', '辉', '浩', '宇', '波', '峰', '亮', '健', '凯', '龙', '飞', '帆', '博', '阳', '林', '旭', '毅', '锋', '彬'],
    first: ['子', '志', '建', '国', '文', '俊', '晓', '宇', '浩', '家', '永', '天', '嘉', '明', '德', '立', '振', '博', '思', '一', '海', '新', '长', '春', '卫', '泽', '承', '景', '晨', '少'],
    second: ['伟', '强', '军', '杰', '涛', '华', '平', '刚', '辉', '鑫', '宇', '轩', '博', '然', '航', '阳', '峰', '磊', '龙', '成', '豪', '睿', '东', '民', '生', '良', '彬', '勋', '远', '川'],
  },
  female: {
    single: ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '婷', '琳', '慧', '颖', '倩', '燕', '洁', '萍', '雪', '莉', '玲', '蕾', '薇', '莹', '瑶', '悦', '蓉'],
    first: ['雨', '思', '欣', '梓', '晓', '佳', '诗', '雅', '秀', '美', '春', '玉', '可', '若', '婉', '紫', '梦', '语', '心', '海', '丽', '淑', '文', '慧', '嘉', '静', '芷', '一', '雪', '月'],
    second: ['涵', '萱', '怡', '琳', '婷', '慧', '敏', '静', '妍', '丹', '蕾', '洁', '雯', '颖', '晴', '璐', '燕', '红', '霞', '芳', '琪', '菲', '娟', '婕', '岚', '彤', '宁', '欣', '薇', '珊'],
  },
} as const;

/** Uyghur names (given name · father's name), Tibetan and Mongolian names, by gender. */
const UYGHUR = {
  male: ['买买提', '艾力', '阿不都热合曼', '吐尔逊', '艾合买提', '亚森', '依明', '努尔买买提', '阿迪力', '热合木', '玉山', '艾克拜尔'],
  female: ['阿依古丽', '热依扎', '古丽娜尔', '迪丽拜尔', '帕提古丽', '米热古丽', '阿依努尔', '古再丽努尔', '佐热', '海热古丽', '努尔妮萨', '再娜甫'],
  father: ['艾力', '买合木提', '阿不都', '吐尔逊', '热合曼', '卡德尔', '司马义', '玉素甫', '艾买提', '依不拉音', '托合提', '肉孜', '艾山', '阿布力孜'],
};
const TIBETAN = {
  first: ['扎西', '次仁', '格桑', '索朗', '丹增', '白玛', '尼玛', '达瓦', '旦增', '拉巴'],
  male: ['多吉', '顿珠', '平措', '罗布', '旺杰', '旺堆', '坚参', '朗杰'],
  female: ['卓玛', '央金', '拉姆', '曲珍', '措姆', '德吉', '玉珍', '普赤'],
};
const MONGOLIAN = {
  male: ['巴特尔', '孟和', '额尔敦', '苏和', '朝鲁', '宝音', '那顺', '乌力吉', '毕力格', '阿拉坦', '布仁', '巴雅尔', '图门', '格日勒图'],
  female: ['其其格', '萨仁', '乌兰', '托娅', '斯琴', '娜仁', '高娃', '塔娜', '琪琪格', '乌日娜', '萨日娜', '阿拉腾', '苏日娜', '额尔德尼'],
};
const LATIN_FIRST = {
  male: ['James', 'David', 'Michael', 'Thomas', 'Lucas', 'Daniel', 'Peter', 'Mark', 'Paul', 'Oliver', 'Hans', 'Pierre', 'Marco', 'Luca', 'John', 'Kenji', 'Min-jun', 'Alexander'],
  female: ['Mary', 'Anna', 'Sophie', 'Emma', 'Olivia', 'Laura', 'Sarah', 'Julia', 'Claire', 'Maria', 'Elena', 'Hannah', 'Yuki', 'Ji-woo', 'Isabelle', 'Charlotte'],
};
const LATIN_LAST = ['Smith', 'Müller', 'García', 'Johnson', 'Brown', 'Martin', 'Rossi', 'Wilson', 'Dubois', 'Taylor', 'Schmidt', 'Anderson', 'Moreau', 'Bianchi', 'Fernández', 'Nguyen', 'Tanaka', 'Kim', 'Novak', 'Jensen', 'Walker', 'Evans', 'Lefebvre', 'Weber'];

/** Two-character brand names (字号) of the kind small and mid-sized Chinese firms register. */
const BRANDS = [
  '远航', '华信', '恒通', '金桥', '瑞丰', '宏达', '嘉禾', '泰和', '安达', '德润', '鼎盛', '天成', '永安', '海川', '新源', '联创', '博远', '康泰',
  '和顺', '万通', '汇通', '利民', '隆盛', '佳和', '正源', '明德', '宝丰', '润泽', '东升', '卓越', '创达', '锦程', '同创', '启航', '恒源', '金盛',
  '华亿', '中瑞', '诚达', '昌盛', '荣泰', '祥和', '富源', '聚源', '鸿运', '天瑞', '晟达', '源丰', '凯达', '弘远', '致远', '睿思', '博亚', '通达',
  '顺源', '君和', '长泰', '方圆', '永信', '众邦', '元亨', '旭日', '朗瑞', '华睿', '嘉诚', '新锐', '沃达', '天禾', '乐源', '星辰', '蓝海', '青禾',
  '海纳', '恒瑞达', '中拓', '宏图', '立达', '协和', '盛景', '云帆', '百川', '信和', '金鼎', '瑞祥', '鑫源', '德宝', '汇丰源', '益达', '兴旺', '华创',
];
/** What a firm does, as its name says it, and the industry it is filed under. */
const TRADES: [string, string][] = [
  ['科技', '信息技术服务业'], ['信息技术', '信息技术服务业'], ['软件', '信息技术服务业'], ['网络科技', '信息技术服务业'], ['数据科技', '信息技术服务业'],
  ['贸易', '批发和零售业'], ['商贸', '批发和零售业'], ['进出口', '批发和零售业'], ['医药', '批发和零售业'], ['百货', '批发和零售业'],
  ['电子', '制造业'], ['机械制造', '制造业'], ['纺织', '制造业'], ['化工', '制造业'], ['新材料', '制造业'], ['食品', '制造业'], ['医疗器械', '制造业'], ['精密机械', '制造业'], ['新能源', '制造业'],
  ['物流', '交通运输业'], ['供应链管理', '交通运输业'], ['运输', '交通运输业'],
  ['建设工程', '建筑业'], ['建筑装饰', '建筑业'], ['市政工程', '建筑业'],
  ['置业', '房地产业'], ['物业管理', '房地产业'], ['房地产开发', '房地产业'],
  ['餐饮管理', '住宿和餐饮业'], ['酒店管理', '住宿和餐饮业'],
  ['教育科技', '教育'], ['教育咨询', '教育'],
  ['健康管理', '卫生和社会工作'], ['康复医疗', '卫生和社会工作'],
  ['投资管理', '金融业'], ['融资租赁', '金融业'],
];
const LATIN_BRANDS = ['Pacific', 'Northstar', 'Bluewave', 'Evergreen', 'Summit', 'Harbor', 'Silverline', 'Redwood', 'Crescent', 'Orion', 'Meridian', 'Granite', 'Lakeside', 'Westbridge', 'Aurora', 'Keystone'];
const LATIN_TRADES: [string, string][] = [
  ['Trading Co., Ltd.', '批发和零售业'], ['Logistics Ltd.', '交通运输业'], ['Software Inc.', '信息技术服务业'], ['Foods Limited', '制造业'],
  ['Medical Corp.', '卫生和社会工作'], ['Consulting Ltd.', '信息技术服务业'], ['Engineering GmbH', '制造业'], ['Hospitality Ltd.', '住宿和餐饮业'],
];
const CITY_ROMAN: Record<string, string> = { 北京: 'bj', 上海: 'sh', 广州: 'gz', 深圳: 'sz', 南京: 'nj', 苏州: 'suz', 杭州: 'hz', 宁波: 'nb', 成都: 'cd', 武汉: 'wh' };

/** Mobile prefixes in use on the mainland networks (China Mobile, Unicom, Telecom, Broadnet). */
const MOBILE_PREFIXES = [
  '134', '135', '136', '137', '138', '139', '147', '150', '151', '152', '157', '158', '159', '172', '178', '182', '183', '184', '187', '188', '195', '198',
  '130', '131', '132', '145', '155', '156', '166', '175', '176', '185', '186', '196',
  '133', '149', '153', '173', '177', '180', '181', '189', '190', '191', '193', '199', '192',
];
/** Mail domains for the demo: reserved for examples (RFC 2606), so no message can reach anyone. */
const MAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];

export interface DemoPerson {
  name: string;
  nameEn: string | null;
  gender: 'male' | 'female';
  /** The name romanised, for e-mail addresses (worked out when asked: pinyin is not free at a million customers). */
  latin: () => { first: string; last: string };
}

export interface DemoCompany {
  name: string;
  industry: string;
  /** The brand romanised, for a web domain. */
  domain: string;
}

/** A Han name fitting the gender: one in four a single-character given name. */
function hanName(r: Random, gender: 'male' | 'female'): DemoPerson {
  const surname = r.chance(0.01) ? r.pick(COMPOUND_SURNAMES) : r.pick(SURNAMES);
  const pool = GIVEN[gender];
  let given: string;
  if (r.chance(0.25)) given = r.pick(pool.single);
  else {
    const first = r.pick(pool.first);
    let second = r.pick(pool.second);
    while (second === first) second = r.pick(pool.second);
    given = first + second;
  }
  // Some customers also give a romanised name (passport spelling): surname first, as in China.
  const latin = () => ({ first: syllables(given), last: syllables(surname) });
  let nameEn: string | null = null;
  if (r.chance(0.1)) {
    const { first, last } = latin();
    nameEn = `${cap(last)} ${cap(first)}`;
  }
  return { name: surname + given, nameEn, gender, latin };
}

function minorityName(r: Random, gender: 'male' | 'female'): DemoPerson {
  const x = r.next();
  let name: string;
  if (x < 0.5) name = `${r.pick(UYGHUR[gender])}·${r.pick(UYGHUR.father)}`;
  else if (x < 0.75) name = r.pick(TIBETAN.first) + r.pick(TIBETAN[gender]);
  else name = r.pick(MONGOLIAN[gender]);
  const [first, last = ''] = name.split('·');
  return { name, nameEn: null, gender, latin: () => ({ first: syllables(first!), last: syllables(last) }) };
}

function latinName(r: Random, gender: 'male' | 'female'): DemoPerson {
  const first = r.pick(LATIN_FIRST[gender]);
  const last = r.pick(LATIN_LAST);
  // The name on record is already in Latin letters: no separate English name.
  return { name: `${first} ${last}`, nameEn: null, gender, latin: () => ({ first: ascii(first), last: ascii(last) }) };
}

/** A person's name, stateless: names repeat freely (use `demoNamer` for customers and staff). */
export function personName(r: Random): DemoPerson {
  const gender = r.chance(0.5) ? 'male' : 'female';
  if (r.chance(0.02)) return minorityName(r, gender);
  if (r.chance(0.03)) return latinName(r, gender);
  return hanName(r, gender);
}

function drawCompany(r: Random, city: string, size?: string): DemoCompany {
  if (r.chance(0.03)) {
    const brand = r.pick(LATIN_BRANDS);
    const [trade, industry] = r.pick(LATIN_TRADES);
    return { name: `${brand} ${trade}`, industry, domain: brand.toLowerCase() };
  }
  let brand = r.pick(BRANDS);
  const [trade, industry] = r.pick(TRADES);
  // No character twice in a row across the parts (上海海川, 新源新能源 read badly).
  for (let tries = 0; tries < 20 && /(\p{Script=Han})\1/u.test(`${city}${brand}${trade}`); tries++) brand = r.pick(BRANDS);
  const x = r.next();
  const big = size === 'large' || size === 'medium';
  const suffix = big && x < 0.15 ? '股份有限公司' : size === 'large' && x < 0.3 ? '集团有限公司' : x > 0.92 ? '有限责任公司' : '有限公司';
  // Mostly the city first (上海远航食品有限公司); some name it after the brand, the city in brackets.
  const name = r.chance(0.85) || suffix === '集团有限公司' ? `${city}${brand}${trade}${suffix}` : `${brand}${trade}（${city}）${suffix}`;
  return { name, industry, domain: syllables(brand) };
}

/** A company's name, stateless (counterparties, employers): names repeat freely. */
export function companyName(r: Random, city: string): string {
  return drawCompany(r, city).name;
}

/**
 * Names for one demo: customers, staff and their e-mail addresses unique within it. A repeat is
 * drawn again a few times; past `track` names it is no longer looked for (a repeat now and then
 * is what a very large bank has, and a million names would cost memory for nothing).
 */
export function demoNamer(r: Random, track = 200_000) {
  const names = new Set<string>();
  const mails = new Set<string>();
  const unique = <T>(draw: () => T, key: (t: T) => string, seen: Set<string>): T => {
    let made = draw();
    if (seen.size >= track) return made;
    for (let tries = 0; tries < 12 && seen.has(key(made)); tries++) made = draw();
    seen.add(key(made));
    return made;
  };
  return {
    person: (): DemoPerson => unique(() => personName(r), (p) => p.name, names),
    /** Staff of a Chinese bank: Han names. */
    staff: (): DemoPerson => unique(() => hanName(r, r.chance(0.5) ? 'male' : 'female'), (p) => p.name, names),
    company: (city: string, size?: string): DemoCompany => unique(() => drawCompany(r, city, size), (c) => c.name, names),
    /** A personal address as people pick them: pinyin name, initials or a number, often with a year. */
    personEmail: (person: DemoPerson, birthYear: number): string =>
      unique(
        () => {
          const { first, last } = person.latin();
          const initials = (first.charAt(0) + last.charAt(0)).toLowerCase();
          const x = r.next();
          const local =
            x < 0.3 ? `${last}${first}${r.chance(0.5) ? birthYear : String(birthYear).slice(2)}`
            : x < 0.5 ? `${first}.${last}`
            : x < 0.7 ? `${initials}${r.int(100, 9_999)}`
            : x < 0.85 ? `${last}_${first}${r.int(1, 99)}`
            : String(r.int(10_000_000, 2_999_999_999));
          return `${local.toLowerCase().replace(/[^a-z0-9._]/g, '') || initials}@${r.pick(MAIL_DOMAINS)}`;
        },
        (m) => m,
        mails,
      ),
    companyEmail: (company: DemoCompany, city: string): string =>
      unique(
        () => {
          const local = r.pick(['info', 'service', 'contact', 'finance', 'sales', 'hr', 'admin']);
          const host = r.chance(0.5) ? company.domain : `${company.domain}-${CITY_ROMAN[city] ?? 'cn'}`;
          return `${local}@${host.replace(/[^a-z0-9-]/g, '')}${r.chance(0.2) ? r.int(2, 99) : ''}.example.com`;
        },
        (m) => m,
        mails,
      ),
  };
}
export type DemoNamer = ReturnType<typeof demoNamer>;

/**
 * A mainland mobile number for customer number `seq`: a real network prefix and eight digits that
 * look random but are a permutation of the number (a small Feistel network keyed by the seed), so
 * no two customers share one.
 */
export function demoMobile(seq: number, key: number): string {
  const n = ((seq % 100_000_000) + 100_000_000) % 100_000_000;
  let left = Math.floor(n / 10_000);
  let right = n % 10_000;
  for (let round = 0; round < 4; round++) {
    const f = mix(right * 0x9e37 + key + round * 0x85eb) % 10_000;
    [left, right] = [right, (left + f) % 10_000];
  }
  const prefix = MOBILE_PREFIXES[mix(n ^ key) % MOBILE_PREFIXES.length]!;
  return `${prefix}${String(left).padStart(4, '0')}${String(right).padStart(4, '0')}`;
}

function mix(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) >>> 0;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const ascii = (s: string) => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
function syllables(s: string): string {
  return pinyin(s, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'removed' }).join('').replace(/ü/g, 'v');
}
