import type { Db } from '#platform/db/db.ts';
import { residentIdCheckDigit, usccCheckChar, USCC_ALPHABET, isValidRegionCode, regionPath } from '#lib/cn/index.ts';
import { orgUnitsRepository, usersRepository, rolesRepository } from '#modules/identity/identity.repository.ts';
import { hashPassword } from '#modules/identity/passwords.ts';
import { normalizeCustomer } from '#modules/customers/customer-input.ts';
import { bulkInsertCustomers } from '#modules/customers/customers.repository.ts';
import { formatCode, DEFAULT_CODE_PATTERN } from '#modules/customers/customer-code.ts';
import { demoMobile, demoNamer, type DemoNamer } from './names.ts';
import { seededRandom, type Random } from './random.ts';
import { generateDemoBusiness } from './demo-business.ts';
import { generateDemoInsight } from './demo-insight.ts';

interface City {
  code: string;
  name: string;
  nameEn: string;
  districts: string[];
}
const PROVINCES: { code: string; name: string; nameEn: string; municipality?: boolean; cities: City[] }[] = [
  { code: '110000', name: '北京', nameEn: 'Beijing', municipality: true, cities: [{ code: '110100', name: '北京', nameEn: 'Beijing', districts: ['110101', '110102', '110105', '110108'] }] },
  { code: '310000', name: '上海', nameEn: 'Shanghai', municipality: true, cities: [{ code: '310100', name: '上海', nameEn: 'Shanghai', districts: ['310101', '310104', '310115', '310112'] }] },
  {
    code: '440000',
    name: '广东',
    nameEn: 'Guangdong',
    cities: [
      { code: '440100', name: '广州', nameEn: 'Guangzhou', districts: ['440103', '440106'] },
      { code: '440300', name: '深圳', nameEn: 'Shenzhen', districts: ['440304', '440305'] },
    ],
  },
  {
    code: '320000',
    name: '江苏',
    nameEn: 'Jiangsu',
    cities: [
      { code: '320100', name: '南京', nameEn: 'Nanjing', districts: ['320102', '320106'] },
      { code: '320500', name: '苏州', nameEn: 'Suzhou', districts: ['320505', '320506'] },
    ],
  },
  {
    code: '330000',
    name: '浙江',
    nameEn: 'Zhejiang',
    cities: [
      { code: '330100', name: '杭州', nameEn: 'Hangzhou', districts: ['330106', '330108'] },
      { code: '330200', name: '宁波', nameEn: 'Ningbo', districts: ['330203', '330212'] },
    ],
  },
  { code: '510000', name: '四川', nameEn: 'Sichuan', cities: [{ code: '510100', name: '成都', nameEn: 'Chengdu', districts: ['510104', '510107'] }] },
  { code: '420000', name: '湖北', nameEn: 'Hubei', cities: [{ code: '420100', name: '武汉', nameEn: 'Wuhan', districts: ['420102', '420106'] }] },
];
const CHANNELS = ['branch', 'online', 'phone', 'referral', 'campaign', 'import'];
const STATUSES = ['active', 'active', 'active', 'prospect', 'dormant', 'churned'];

export interface DemoOptions {
  customers: number;
  seed?: number;
  /** Org tree shape below head office: children per unit at each level (province, city, branch, sub-branch, team). */
  shape?: number[];
  /** Customer managers per leaf unit. */
  managersPerLeaf?: number;
  /**
   * Also holdings and about eighteen months of transactions for the new customers, and tags,
   * segments and receivables over them (off by default: at a million customers that is tens of
   * millions of rows; the first start turns it on).
   */
  business?: boolean;
  /** Vacuum the customers after loading them (default); not possible inside a transaction, where the caller does it after. */
  vacuum?: boolean;
  /** Where the transaction history and the customers' arrival dates end (default: now). */
  now?: Date;
  log?: (line: string) => void;
}

export interface DemoResult {
  password: string;
  logins: { username: string; role: string; orgUnit: string }[];
  units: number;
  users: number;
  customers: number;
  holdings: number;
  transactions: number;
  tags: number;
  segments: number;
  receivables: number;
}

/**
 * Deterministic, realistic demo data: a bank-like org tree (head office → province → city →
 * branch → sub-branch → team), managers in it, and customers with valid resident IDs, USCCs,
 * mobiles and region codes. Fast enough for a million customers (bulk inserts).
 */
export async function generateDemo(db: Db, options: DemoOptions): Promise<DemoResult> {
  const r = seededRandom(options.seed ?? 20261123);
  const namer = demoNamer(r);
  const mobileKey = r.int(0, 0x7fff_ffff);
  const log = options.log ?? (() => undefined);
  const shape = options.shape ?? (options.customers >= 100_000 ? [5, 5, 5, 4, 1] : [2, 1, 2, 1]);
  const password = `Demo-${Math.random().toString(36).slice(2, 8)}-2026`;
  const passwordHash = await hashPassword(password);
  const roles = new Map((await rolesRepository.all(db)).map((role) => [role.key, role.id]));
  const roleId = (key: string) => roles.get(key)!;

  // ---- org tree ----
  let head = await orgUnitsRepository.byCode(db, 'HQ');
  head ??= await orgUnitsRepository.insert(db, { parentId: null, code: 'HQ', nameZh: '总行', nameEn: 'Head Office', kind: 'head_office' });
  const kinds = ['province', 'city', 'branch', 'sub_branch', 'department'];
  const leaves: { id: number; city: City; province: (typeof PROVINCES)[number]; name: string }[] = [];
  const branchLevel: { id: number; name: string }[] = [];
  let unitCount = 1;
  const names = unitNames();
  const build = async (parentId: number, parentCode: string, depth: number, province?: (typeof PROVINCES)[number], city?: City, parent?: UnitPlace) => {
    const children = shape[depth] ?? 0;
    if (children === 0) {
      leaves.push({ id: parentId, city: city!, province: province!, name: parent?.nameZh ?? head.nameZh });
      return;
    }
    for (let i = 0; i < children; i++) {
      const kind = kinds[depth] ?? 'department';
      const p = depth === 0 ? PROVINCES[i % PROVINCES.length]! : province!;
      const c = depth === 1 ? p.cities[i % p.cities.length]! : (city ?? p.cities[0]!);
      const code = `${parentCode}-${i + 1}`;
      const place = names.next(kind, p, c, i, parent);
      const unit = await orgUnitsRepository.insert(db, { parentId, code, nameZh: place.nameZh, nameEn: place.nameEn, kind });
      unitCount++;
      if (kind === 'branch') branchLevel.push({ id: unit.id, name: place.nameZh });
      await build(unit.id, code, depth + 1, p, c, place);
    }
  };
  if (!(await orgUnitsRepository.byCode(db, 'HQ-1'))) await build(head.id, 'HQ', 0);
  log(`org units: ${unitCount}`);

  // ---- users ----
  const logins: DemoResult['logins'] = [];
  const addUser = async (username: string, displayName: string, orgUnitId: number, role: string, managerId: number | null) => {
    const id = await usersRepository.insert(db, { username, displayName, email: `${username}@demo.guanxi.local`, orgUnitId, managerId, passwordHash, locale: 'zh-CN', mustChangePassword: false });
    await usersRepository.setRoles(db, id, [roleId(role)]);
    return id;
  };
  const headName = '总行';
  logins.push({ username: 'analyst', role: 'head_office_analyst', orgUnit: headName });
  await addUser('analyst', '钱分析', head.id, 'head_office_analyst', null);
  logins.push({ username: 'auditor', role: 'auditor', orgUnit: headName });
  await addUser('auditor', '孙审计', head.id, 'auditor', null);
  logins.push({ username: 'marketer', role: 'marketer', orgUnit: headName });
  await addUser('marketer', '李营销', head.id, 'marketer', null);
  let userCount = 3;
  const branchManagers = new Map<number, number>();
  for (const [i, branch] of branchLevel.entries()) {
    const id = await addUser(`bm${i + 1}`, namer.staff().name, branch.id, 'branch_manager', null);
    branchManagers.set(branch.id, id);
    userCount++;
    if (i < 2) logins.push({ username: `bm${i + 1}`, role: 'branch_manager', orgUnit: branch.name });
  }
  const managers: { id: number; orgUnitId: number; leaf: (typeof leaves)[number] }[] = [];
  const perLeaf = options.managersPerLeaf ?? (options.customers >= 100_000 ? 3 : 2);
  for (const [i, leaf] of leaves.entries()) {
    const parentBranch = await nearestBranch(db, leaf.id, branchManagers);
    for (let m = 0; m < perLeaf; m++) {
      const username = `cm${i * perLeaf + m + 1}`;
      const id = await addUser(username, namer.staff().name, leaf.id, 'customer_manager', parentBranch);
      managers.push({ id, orgUnitId: leaf.id, leaf });
      userCount++;
      if (i === 0 && m < 2) logins.push({ username, role: 'customer_manager', orgUnit: leaf.name });
    }
  }
  const agentUnit = leaves[0]!;
  await addUser('agent', '周客服', agentUnit.id, 'service_agent', null);
  logins.push({ username: 'agent', role: 'service_agent', orgUnit: agentUnit.name });
  userCount++;
  log(`users: ${userCount}`);

  // ---- customers ----
  const batchSize = 5_000;
  // Customers arrived over the six years up to today, so "new this month" on the dashboard is
  // never empty, however long after its release the demo is made.
  const end = (options.now ?? new Date()).getTime();
  const span = 6 * 365 * 86_400_000;
  const start = end - span;
  const [{ n: firstSeq }] = (await db.query<{ n: number }>(`select nextval('customer_code_seq')::bigint as n`)) as [{ n: number }];
  await db.query(`select setval('customer_code_seq', $1)`, [firstSeq + options.customers]);
  const [{ lastId }] = (await db.query<{ lastId: number }>(`select coalesce(max(id), 0)::bigint as "lastId" from customers`)) as [{ lastId: number }];
  let made = 0;
  while (made < options.customers) {
    const n = Math.min(batchSize, options.customers - made);
    const batch = [];
    for (let i = 0; i < n; i++) {
      const seq = firstSeq + made + i;
      const manager = r.pick(managers);
      const createdAt = new Date(start + Math.floor(r.next() * span));
      const input = demoCustomer(r, namer, manager.leaf.city, seq, mobileKey);
      // A few walk-in customers are not yet given to a manager (the branch's unassigned queue).
      const { values } = normalizeCustomer(input, { orgUnitId: manager.orgUnitId, ownerId: r.chance(0.97) ? manager.id : null, custom: {} });
      batch.push({ code: formatCode(DEFAULT_CODE_PATTERN, { seq, kind: values.kind, date: createdAt }), values, createdAt });
    }
    await bulkInsertCustomers(db, batch);
    made += n;
    if (made % 100_000 === 0 || made === options.customers) log(`customers: ${made}`);
  }
  // Flushes the GIN pending list of the bulk load: until then every name search scans it.
  if (options.vacuum ?? true) await db.exec('vacuum analyze customers');
  // Its own random stream: customers stay the same with or without their business.
  const business = options.business
    ? await generateDemoBusiness(db, { seed: options.seed, now: options.now, afterCustomerId: lastId, log })
    : { holdings: 0, transactions: 0 };
  const insight = options.business
    ? await generateDemoInsight(db, { seed: options.seed, now: options.now, afterCustomerId: lastId, log })
    : { tags: 0, segments: 0, receivables: 0 };
  return { password, logins, units: unitCount, users: userCount, customers: made, ...business, ...insight };
}

/** An org unit's names and the district its branch serves (below the city level). */
interface UnitPlace {
  nameZh: string;
  nameEn: string;
  district?: { code: string; nameZh: string; nameEn: string };
}

/** Streets outlets are named after, with their names in pinyin. */
const STREETS: [string, string][] = [
  ['人民路', 'Renmin Road'], ['中山路', 'Zhongshan Road'], ['解放路', 'Jiefang Road'], ['建设路', 'Jianshe Road'],
  ['和平路', 'Heping Road'], ['新华路', 'Xinhua Road'], ['文化路', 'Wenhua Road'], ['滨河路', 'Binhe Road'],
];
const TEAMS: [string, string][] = [['个人客户经理团队', 'Personal Banking Team'], ['公司客户经理团队', 'Corporate Banking Team'], ['财富管理团队', 'Wealth Management Team'], ['普惠金融团队', 'Small Business Team']];
const ORDINALS = ['', '', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * Names as a bank gives them, each used once: 北京市分行 › 北京市分行营业部 (a municipality's city
 * level) or 广东省分行 › 广州分行, then a sub-branch named after its district (北京海淀支行), an
 * outlet after a street in it (海淀人民路分理处) and teams after their outlet. Where the shape asks
 * for more units than there are places, the next one is numbered (广州第二分行).
 */
function unitNames() {
  const used = new Set<string>();
  const streetsUsed = new Map<string, number>();
  const once = (stemZh: string, suffixZh: string, stemEn: string, suffixEn: string) => {
    for (let n = 1; ; n++) {
      const nameZh = `${stemZh}${n === 1 ? '' : `第${ORDINALS[n] ?? n}`}${suffixZh}`;
      if (used.has(nameZh)) continue;
      used.add(nameZh);
      return { nameZh, nameEn: `${stemEn} ${suffixEn}${n === 1 ? '' : ` ${n}`}` };
    }
  };
  const districtOf = (code: string) => {
    const region = regionPath(code).at(-1);
    const nameZh = (region?.name ?? code).replace(/(新区|区|县|市)$/, '');
    const nameEn = (region?.nameEn ?? code).replace(/ (New Area|District|County|City)$/, '');
    return { code, nameZh, nameEn };
  };
  return {
    next(kind: string, p: (typeof PROVINCES)[number], c: City, i: number, parent?: UnitPlace): UnitPlace {
      switch (kind) {
        case 'province':
          return p.municipality ? once(p.name, '市分行', p.nameEn, 'Branch') : once(p.name, '省分行', p.nameEn, 'Provincial Branch');
        case 'city':
          return p.municipality ? once(`${c.name}市分行`, '营业部', `${c.nameEn} Branch`, 'Business Department') : once(c.name, '分行', c.nameEn, 'Branch');
        case 'branch': {
          const district = districtOf(c.districts[i % c.districts.length]!);
          return { ...once(`${c.name}${district.nameZh}`, '支行', `${c.nameEn} ${district.nameEn}`, 'Sub-branch'), district };
        }
        case 'sub_branch': {
          const district = parent?.district ?? districtOf(c.districts[0]!);
          const n = streetsUsed.get(district.code) ?? 0;
          streetsUsed.set(district.code, n + 1);
          const [street, streetEn] = STREETS[(Number(district.code.slice(-2)) + n) % STREETS.length]!;
          return { ...once(`${district.nameZh}${street}`, '分理处', `${district.nameEn} ${streetEn}`, 'Outlet'), district };
        }
        default: {
          const [team, teamEn] = TEAMS[i % TEAMS.length]!;
          return once(parent?.nameZh ?? c.name, team, parent?.nameEn ?? c.nameEn, teamEn);
        }
      }
    },
  };
}

async function nearestBranch(db: Db, unitId: number, managers: Map<number, number>): Promise<number | null> {
  const unit = await orgUnitsRepository.byId(db, unitId);
  const ids = (unit?.path ?? '').split('/').filter(Boolean).map(Number).reverse();
  for (const id of ids) if (managers.has(id)) return managers.get(id)!;
  return null;
}

/** Landline area codes of the demo cities. */
const AREA_CODES: Record<string, string> = { 北京: '010', 上海: '021', 广州: '020', 深圳: '0755', 南京: '025', 苏州: '0512', 杭州: '0571', 宁波: '0574', 成都: '028', 武汉: '027' };
const ROADS = ['人民路', '中山路', '解放路', '建设路', '和平街', '长江路', '青年路', '胜利路', '友谊路', '新华街', '科技路', '工业大道'];

function demoCustomer(r: Random, namer: DemoNamer, city: City, seq: number, mobileKey: number) {
  const district = r.pick(city.districts);
  const districtCode = isValidRegionCode(district) ? district : null;
  const districtName = districtCode ? (regionPath(districtCode).at(-1)?.name ?? '') : '';
  const status = r.pick(STATUSES);
  if (r.chance(0.2)) {
    const size = r.pick(['micro', 'small', 'medium', 'large']);
    const company = namer.company(city.name, size);
    return {
      kind: 'organization' as const,
      name: company.name,
      idNumber: uscc(r, district),
      phone: `${AREA_CODES[city.name] ?? '010'}-${r.int(20_000_000, 89_999_999)}`,
      email: r.chance(0.6) ? namer.companyEmail(company, city.name) : null,
      districtCode,
      address: `${city.name}市${districtName}${r.pick(ROADS)}${r.int(1, 999)}号`,
      industry: company.industry,
      size,
      status,
      sourceChannel: r.pick(CHANNELS),
    };
  }
  const person = namer.person();
  const birth = new Date(Date.UTC(r.int(1950, 2004), r.int(0, 11), r.int(1, 28)));
  return {
    kind: 'individual' as const,
    name: person.name,
    nameEn: person.nameEn,
    idNumber: residentId(r, district, birth, person.gender),
    mobile: demoMobile(seq, mobileKey),
    email: r.chance(0.3) ? namer.personEmail(person, birth.getUTCFullYear()) : null,
    districtCode,
    address: `${city.name}市${districtName}${r.pick(ROADS)}${r.int(1, 300)}号`,
    status,
    sourceChannel: r.pick(CHANNELS),
  };
}

function residentId(r: Random, region: string, birth: Date, gender: 'male' | 'female'): string {
  const date = birth.toISOString().slice(0, 10).replaceAll('-', '');
  let order = r.int(0, 99) * 10 + r.int(0, 4) * 2;
  if (gender === 'male') order += 1;
  const body = `${region}${date}${String(order).padStart(3, '0')}`;
  return body + residentIdCheckDigit(body);
}

function uscc(r: Random, region: string): string {
  let org = '';
  for (let i = 0; i < 9; i++) org += USCC_ALPHABET[r.int(0, 30)];
  const body = `91${region}${org}`;
  return body + usccCheckChar(body);
}
