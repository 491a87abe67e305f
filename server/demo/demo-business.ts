import type { Db } from '#platform/db/db.ts';
import { csvChunks } from '#platform/db/copy-csv.ts';
import { customFieldsRepository } from '#modules/custom-fields/custom-fields.repository.ts';
import { companyName } from './names.ts';
import { seededRandom, type Random } from './random.ts';

/** Where demo holdings and transactions come from: one source system, so they are easy to tell apart. */
export const DEMO_SOURCE = 'demo';

const DAY = 86_400_000;
/** How far back the transaction history goes (about eighteen months). */
const HISTORY_DAYS = 540;

interface CustomerRow {
  id: number;
  kind: 'individual' | 'organization';
  status: string;
  birthDate: string | null;
  size: string | null;
  createdAt: Date;
}

type HoldingKind = 'deposit' | 'loan' | 'mortgage' | 'credit_card' | 'debit_card' | 'insurance' | 'investment' | 'service_contract';
interface Holding {
  customerId: number;
  externalId: string;
  kind: HoldingKind;
  productCode: string;
  productName: string;
  balance: number | null;
  creditLimit: number | null;
  openedOn: string;
  maturesOn: string | null;
  closedOn: string | null;
  status: 'active' | 'dormant' | 'closed';
  /** CNY unless given. */
  currency?: string;
}

interface Tx {
  customerId: number;
  /** External id of the holding it was booked on. */
  holding: string | null;
  externalId: string;
  at: number;
  amount: number;
  direction: 'debit' | 'credit';
  channel: string;
  productCode: string | null;
  merchant: string | null;
  category: string;
  description: string | null;
}

/**
 * How a customer's spending moves over the history, so every lifecycle stage has members:
 * steady (peak), rising, declining, new (first purchases in the last 90 days), dormant (stopped
 * more than 180 days ago), closed (a churned customer: everything closed), none.
 */
type Pattern = 'steady' | 'rising' | 'declining' | 'new' | 'dormant' | 'closed' | 'none';

/** Spending categories: [category, merchants, lowest and highest amount in yuan, weight, online]. */
const SPENDING: [string, string[], number, number, number, boolean][] = [
  ['餐饮美食', ['美团外卖', '饿了么', '海底捞火锅', '肯德基', '麦当劳', '星巴克', '瑞幸咖啡', '西贝莜面村', '喜茶', '老乡鸡'], 15, 320, 30, false],
  ['超市购物', ['永辉超市', '盒马鲜生', '沃尔玛', '华润万家', '物美超市', '家乐福', '便利蜂', '全家便利店'], 20, 650, 20, false],
  ['网络购物', ['京东商城', '淘宝网', '天猫', '拼多多', '唯品会', '抖音商城'], 25, 2_200, 18, true],
  ['交通出行', ['滴滴出行', '地铁出行', '12306铁路客票', '高德打车', '哈啰出行'], 3, 480, 10, true],
  ['加油', ['中国石化加油站', '中国石油加油站', '壳牌加油站'], 150, 600, 5, false],
  ['生活缴费', ['国家电网电费', '自来水费', '燃气费', '物业管理费'], 40, 900, 5, true],
  ['通讯', ['中国移动话费', '中国联通话费', '中国电信宽带'], 30, 300, 4, true],
  ['医疗健康', ['老百姓大药房', '益丰大药房', '市第一人民医院', '爱尔眼科'], 20, 2_500, 3, false],
  ['服饰美妆', ['优衣库', '屈臣氏', '丝芙兰', '李宁', '安踏'], 60, 1_800, 4, false],
  ['休闲娱乐', ['万达影城', '猫眼电影', '大麦网', '中影国际影城'], 35, 800, 3, false],
  ['家电数码', ['苏宁易购', '国美电器', '小米之家', '华为体验店', '京东电器'], 200, 12_000, 0.8, false],
  ['旅游出行', ['携程旅行', '中国国际航空', '东方航空', '同程旅行', '华住酒店', '亚朵酒店'], 300, 9_000, 1, true],
  ['教育培训', ['新东方', '学而思', '得到App', '驾校培训费'], 200, 8_000, 0.7, true],
];
const SPENDING_WEIGHT = SPENDING.reduce((sum, s) => sum + s[4], 0);

/** An organisation's payments: [category, merchant or null (a counterparty named at random), low, high, weight, channel]. */
const BUSINESS_SPENDING: [string, string | null, number, number, number, string][] = [
  ['供应商付款', null, 1_000, 20_000, 40, '网银'],
  ['物流运费', '顺丰速运', 100, 5_000, 12, '网银'],
  ['办公用品', '京东企业购', 100, 5_000, 10, '网银'],
  ['水电费', '国家电网电费', 300, 8_000, 8, '网银'],
  ['差旅费', '携程商旅', 300, 8_000, 8, '手机银行'],
  ['通讯', '中国电信政企', 200, 3_000, 5, '网银'],
  ['房租物业', null, 3_000, 20_000, 5, '柜台'],
];
const BUSINESS_WEIGHT = BUSINESS_SPENDING.reduce((sum, s) => sum + s[4], 0);
const CITIES = ['北京', '上海', '广州', '深圳', '南京', '苏州', '杭州', '宁波', '成都', '武汉'];

export interface DemoBusinessOptions {
  seed?: number;
  /** The moment the history ends; the data moves with it, so the demo never looks stale. */
  now?: Date;
  /** Only customers with an id above this get business (the ones the demo just made). */
  afterCustomerId?: number;
  log?: (line: string) => void;
}

export interface DemoBusinessResult {
  holdings: number;
  transactions: number;
}

/**
 * Holdings and about eighteen months of transactions for the demo customers, bank-like: most
 * individuals keep a current account with a debit card, many a credit card, some a mortgage, a
 * loan, wealth products or insurance; organisations keep deposits and loans. Assets follow a
 * skewed (log-normal) distribution, so a few customers pass the default VIP line of ¥500,000,
 * and spending frequency and its trend vary, so every RFM segment and lifecycle stage has members.
 * Deterministic for a seed and `now`. Written with COPY, a batch of customers at a time.
 */
export async function generateDemoBusiness(db: Db, options: DemoBusinessOptions = {}): Promise<DemoBusinessResult> {
  const r = seededRandom((options.seed ?? 20261123) ^ 0x5eed_b12);
  const now = (options.now ?? new Date()).getTime();
  const log = options.log ?? (() => undefined);
  let holdings = 0;
  let transactions = 0;
  let after = options.afterCustomerId ?? 0;
  const income = await incomeField(db);
  // Demo rates for the foreign-currency deposits below; a real bank keeps its own (Admin → Exchange rates).
  await db.query(`insert into exchange_rates (currency, rate) values ('USD', 7.1), ('HKD', 0.91), ('EUR', 7.7) on conflict (currency) do nothing`);
  const BATCH = 2_000;
  for (;;) {
    const customers = await db.query<CustomerRow>(
      `select id, kind, status, birth_date as "birthDate", size, created_at as "createdAt"
         from customers where id > $1 and deleted_at is null order by id limit $2`,
      [after, BATCH],
    );
    if (!customers.length) break;
    after = customers[customers.length - 1]!.id;
    const batchHoldings: Holding[] = [];
    const batchTx: Tx[] = [];
    const incomes: [number[], number[]] = [[], []];
    for (const customer of customers) {
      const made = customerBusiness(r, customer, now);
      batchHoldings.push(...made.holdings);
      batchTx.push(...made.transactions);
      if (made.income !== null) {
        incomes[0].push(customer.id);
        incomes[1].push(made.income);
      }
    }
    await db.transaction(async (tx) => {
      await tx.copyFrom(
        `copy holdings (customer_id, source_system, external_id, kind, product_code, product_name, currency, balance, credit_limit, opened_on, matures_on, closed_on, status)
           from stdin with (format csv)`,
        csvChunks(batchHoldings, (h) => [h.customerId, DEMO_SOURCE, h.externalId, h.kind, h.productCode, h.productName, h.currency ?? 'CNY', money(h.balance), money(h.creditLimit), h.openedOn, h.maturesOn, h.closedOn, h.status]),
      );
      const holdingIds = new Map(
        (
          await tx.query<{ id: number; externalId: string }>(
            `select id, external_id as "externalId" from holdings where source_system = $1 and customer_id = any($2::bigint[])`,
            [DEMO_SOURCE, customers.map((c) => c.id)],
          )
        ).map((h) => [h.externalId, h.id]),
      );
      await tx.copyFrom(
        `copy transactions (customer_id, holding_id, source_system, external_id, occurred_at, amount, currency, direction, channel, product_code, merchant, category, description)
           from stdin with (format csv)`,
        csvChunks(batchTx, (t) => [
          t.customerId, t.holding ? holdingIds.get(t.holding) : null, DEMO_SOURCE, t.externalId, new Date(t.at).toISOString(), money(t.amount), 'CNY',
          t.direction, t.channel, t.productCode, t.merchant, t.category, t.description,
        ]),
      );
      if (income && incomes[0].length) {
        await tx.query(
          `update customers c set custom = c.custom || jsonb_build_object('annual_income', u.income)
             from unnest($1::bigint[], $2::numeric[]) as u(id, income) where c.id = u.id`,
          incomes,
        );
      }
    });
    holdings += batchHoldings.length;
    transactions += batchTx.length;
  }
  await db.exec('analyze holdings; analyze transactions');
  log(`holdings: ${holdings}, transactions: ${transactions}`);
  return { holdings, transactions };
}

const money = (v: number | null) => (v === null ? null : v.toFixed(2));
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A standard normal draw (Box–Muller). */
function normal(r: Random): number {
  return Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
}
/** A log-normal amount: median × e^(sigma·z), rounded to whole yuan. */
function skewed(r: Random, median: number, sigma: number): number {
  return Math.round(median * Math.exp(sigma * normal(r)));
}
/** A Gamma(2, 1) draw: the sum of two exponential ones. */
const gamma2 = (r: Random) => -Math.log(1 - r.next()) - Math.log(1 - r.next());
const between = (r: Random, low: number, high: number) => low + r.next() * (high - low);

/** Which pattern of spending a customer follows, from his status. */
function patternOf(r: Random, c: CustomerRow): Pattern {
  switch (c.status) {
    case 'prospect':
      return r.chance(0.6) ? 'new' : 'none';
    case 'dormant':
      return r.chance(0.6) ? 'dormant' : 'declining';
    case 'churned':
      return 'closed';
    default: {
      const x = r.next();
      return x < 0.55 ? 'steady' : x < 0.77 ? 'rising' : x < 0.92 ? 'declining' : 'new';
    }
  }
}

/** How busy a pattern is `d` days ago, against its usual rate: rising doubles, declining halves over the last 180 days. */
function intensity(pattern: Pattern, d: number): number {
  if (pattern === 'rising') return d > 180 ? 0.5 : d > 90 ? 0.75 : 1.4;
  if (pattern === 'declining') return d > 180 ? 1.2 : d > 90 ? 1 : 0.4;
  return 1;
}

/**
 * The yearly income the value tier matrix reads by default (custom.annual_income): defined if
 * missing; false when a field of that key exists with another type (left alone).
 */
async function incomeField(db: Db): Promise<boolean> {
  const field = await customFieldsRepository.byKey(db, 'customer', 'annual_income');
  if (field) return field.type === 'number';
  await customFieldsRepository.insert(db, {
    entity: 'customer',
    key: 'annual_income',
    type: 'number',
    labelZh: '年收入（元）',
    labelEn: 'Annual income (CNY)',
    descriptionZh: '客户自报的税前年收入；客户等级矩阵按它分档',
    descriptionEn: 'Yearly income before tax, as the customer declared it; the tier matrix bands customers by it',
    required: false,
    options: [],
    position: 0,
    active: true,
  });
  return true;
}

function customerBusiness(r: Random, c: CustomerRow, now: number): { holdings: Holding[]; transactions: Tx[]; income: number | null } {
  const pattern = patternOf(r, c);
  const holdings: Holding[] = [];
  const transactions: Tx[] = [];
  const age = c.birthDate ? (now - Date.parse(c.birthDate)) / (365.25 * DAY) : 40;
  // The relationship began when the record was made, or in the last 90 days for a new customer.
  const created = Math.min(c.createdAt.getTime(), now - 30 * DAY);
  const since = pattern === 'new' ? now - r.int(10, 85) * DAY : created;
  // The last purchase of one who stopped: between six months and a year and a half ago.
  let until = pattern === 'dormant' || pattern === 'closed' ? now - r.int(185, 520) * DAY : now;
  const closedAt = pattern === 'closed' ? until + r.int(5, 60) * DAY : null;
  const closedOn = closedAt === null ? null : day(closedAt);
  const status = (kind: HoldingKind, balance: number | null, term: boolean): Holding['status'] => {
    if (closedOn) return 'closed';
    // A dormant customer's small current accounts sleep (久悬); loans, time deposits and larger savings stay live.
    if (c.status === 'dormant' && (kind === 'debit_card' || (kind === 'deposit' && !term && (balance ?? 0) < 5_000))) return 'dormant';
    return 'active';
  };
  const codes = new Map<string, string>();
  const add = (kind: HoldingKind, code: string, name: string, balance: number | null, limit: number | null, opened: number, maturesYears?: number) => {
    const externalId = accountNumber(r, kind, c.id, holdings.length);
    codes.set(externalId, code);
    // A new customer opened everything when he came; one who left had opened it well before.
    if (pattern === 'new') opened = Math.max(opened, since - r.int(0, 15) * DAY);
    if (closedAt !== null) opened = Math.min(opened, closedAt - r.int(30, 400) * DAY);
    const openedOn = Math.min(opened, now - DAY);
    const term = maturesYears ? Math.round(maturesYears * 365.25) * DAY : 0;
    let maturesAt = maturesYears ? openedOn + term : null;
    // A time deposit that reached maturity was renewed for another term (自动转存), as most are.
    if (maturesAt !== null && kind === 'deposit' && !closedOn) while (maturesAt <= now) maturesAt += term;
    holdings.push({
      customerId: c.id,
      externalId,
      kind,
      productCode: code,
      productName: name,
      balance: closedOn ? (balance === null ? null : 0) : balance,
      creditLimit: limit,
      openedOn: day(openedOn),
      maturesOn: maturesAt === null ? null : day(maturesAt),
      closedOn,
      status: status(kind, balance, Boolean(maturesYears)),
    });
    return externalId;
  };
  const openedAround = (earliest: number) => Math.round(between(r, earliest, Math.max(earliest, since)));
  const tenYearsAgo = since - 10 * 365 * DAY;

  let current: string;
  let card: string | null = null;
  let credit: string | null = null;
  let scale: number;
  let monthly: number;
  let income: number | null = null;
  if (c.kind === 'individual') {
    // Financial assets: a median of about ¥35,000, a long tail past ¥1,000,000.
    const assets = pattern === 'new' && c.status === 'prospect' ? r.int(100, 20_000) : Math.max(200, skewed(r, 35_000, 1.5));
    // The richer, the likelier part of it is in wealth products and time deposits.
    const invested = assets > 80_000 && r.chance(Math.min(0.9, 0.45 + assets / 1_000_000)) ? Math.round(assets * between(r, 0.2, 0.65)) : 0;
    const saved = assets - invested;
    const timeDeposit = saved > 50_000 && r.chance(Math.min(0.85, 0.45 + saved / 1_000_000)) ? Math.round(saved * between(r, 0.3, 0.7) / 1_000) * 1_000 : 0;
    current = add('deposit', 'DEP-CUR', '活期储蓄账户', saved - timeDeposit, null, openedAround(tenYearsAgo));
    if (pattern !== 'none' || r.chance(0.5)) card = add('debit_card', 'DC-UNION', r.chance(0.3) ? '如意借记卡（金卡）' : '如意借记卡', null, null, openedAround(tenYearsAgo));
    if (timeDeposit > 0) {
      const large = timeDeposit >= 200_000;
      add('deposit', large ? 'DEP-CD3Y' : 'DEP-FIX1Y', large ? '三年期大额存单' : '一年期整存整取', timeDeposit, null, now - r.int(30, 700) * DAY, large ? 3 : 1);
    }
    // Some better-off customers also keep US dollars, in a one-year time deposit of their own.
    if (saved >= 60_000 && r.chance(0.12)) {
      add('deposit', 'DEP-USD1Y', '美元一年期定期存款', Math.max(1_000, Math.round((saved * between(r, 0.1, 0.3)) / 7.1 / 100) * 100), null, now - r.int(30, 1_500) * DAY, 1);
      holdings[holdings.length - 1]!.currency = 'USD';
    }
    if (invested > 0) {
      const funds = r.chance(0.5);
      add('investment', funds ? 'INV-FUND' : 'INV-WM90', funds ? '沪深300指数基金定投' : '稳利90天理财', funds ? Math.round(invested * 0.4) : invested, null, now - r.int(60, 1_500) * DAY);
      if (funds) add('investment', 'INV-BOND', '储蓄国债（电子式）', invested - Math.round(invested * 0.4), null, now - r.int(60, 1_000) * DAY, 5);
    }
    // Richer customers are likelier to carry a card, and a larger limit.
    if (r.chance(pattern === 'new' ? 0.2 : Math.min(0.85, 0.4 + assets / 400_000))) {
      const limits = [5_000, 10_000, 20_000, 30_000, 50_000, 80_000, 100_000, 200_000].filter((l) => l <= Math.max(10_000, assets * 1.5));
      const limit = r.pick(limits);
      credit = add('credit_card', limit >= 50_000 ? 'CC-PLAT' : 'CC-GOLD', limit >= 50_000 ? '如意白金信用卡' : '如意金卡信用卡', Math.round(limit * between(r, 0, 0.6)), limit, openedAround(since - 6 * 365 * DAY));
    }
    if (age >= 27 && age < 60 && pattern !== 'new' && r.chance(0.18)) {
      const opened = now - r.int(200, 12 * 365) * DAY;
      const principal = Math.round(skewed(r, 900_000, 0.6) / 10_000) * 10_000;
      const years = r.pick([20, 25, 30]);
      const left = Math.round(principal * (1 - (now - opened) / (years * 365.25 * DAY)));
      add('mortgage', 'LN-MORT', '个人住房按揭贷款', left, principal, opened, years);
    } else if (age >= 22 && age < 60 && pattern !== 'new' && r.chance(0.08)) {
      const principal = Math.round(skewed(r, 80_000, 0.7) / 1_000) * 1_000;
      // A loan still on the books: drawn within its term.
      const years = r.pick([1, 3, 5]);
      add('loan', 'LN-CONS', r.chance(0.5) ? '个人消费贷款' : '个人经营贷款', Math.round(principal * between(r, 0.3, 0.95)), principal, now - r.int(60, Math.min(900, years * 365 - 30)) * DAY, years);
    }
    if (age >= 25 && r.chance(0.06 + Math.min(0.25, assets / 2_000_000))) {
      const product = r.pick([['INS-LIFE', '终身寿险'], ['INS-CI', '重大疾病保险'], ['INS-ANN', '养老年金保险']] as const);
      add('insurance', product[0], product[1], Math.round(skewed(r, 40_000, 0.8) / 100) * 100, null, now - r.int(90, 3_000) * DAY, r.pick([10, 20, 30]));
    }
    scale = Math.min(3, Math.max(0.6, (assets / 35_000) ** 0.25));
    // Three in four declared an income, pensioners a smaller one; it rises with wealth.
    if (r.chance(0.75)) income = Math.round(skewed(r, (age >= 60 ? 60_000 : 100_000) * Math.min(4, Math.max(0.5, (assets / 35_000) ** 0.3)), 0.6) / 1_000) * 1_000;
    monthly = Math.min(30, Math.max(0.5, skewed(r, 5, 0.7)));
  } else {
    const size = { micro: 0.3, small: 1, medium: 3, large: 10 }[c.size ?? 'small'] ?? 1;
    const deposits = Math.max(5_000, Math.round(skewed(r, 120_000 * Math.sqrt(size), 1.3)));
    current = add('deposit', 'DEP-CORP', '单位基本存款账户', deposits, null, openedAround(tenYearsAgo));
    if (deposits > 400_000 && r.chance(0.4)) add('deposit', 'DEP-CORP-FIX', '单位定期存款', Math.round(deposits * between(r, 0.5, 2) / 10_000) * 10_000, null, now - r.int(30, 700) * DAY, 1);
    if (pattern !== 'new' && r.chance(0.35)) {
      const principal = Math.round(skewed(r, 800_000 * Math.sqrt(size), 0.6) / 10_000) * 10_000;
      const years = r.pick([1, 2, 3]);
      add('loan', 'LN-WC', '流动资金贷款', Math.round(principal * between(r, 0.4, 1)), principal, now - r.int(60, Math.min(1_000, years * 365 - 30)) * DAY, years);
    }
    if (r.chance(0.25)) add('service_contract', 'SVC-PAYROLL', '代发工资服务协议', null, null, openedAround(tenYearsAgo));
    scale = size ** 0.3;
    monthly = Math.min(30, Math.max(1, skewed(r, 4, 0.6)));
  }

  // ---- transactions ----
  const from = Math.max(since, now - HISTORY_DAYS * DAY);
  if (pattern === 'none' || from >= until) return { holdings, transactions, income };
  const push = (t: Omit<Tx, 'customerId' | 'externalId'>) => {
    // Unique by customer: another run for other customers never collides.
    transactions.push({ ...t, customerId: c.id, externalId: `DT${String(c.id).padStart(8, '0')}-${String(transactions.length + 1).padStart(5, '0')}` });
  };
  // Daytime, China time (UTC+8): 07:00–23:00.
  const timeOfDay = () => (r.int(-1, 15) * 3_600 + r.int(0, 3_599)) * 1_000;
  // Purchases: a Poisson process whose rate follows the pattern.
  // After each purchase a customer may drift away for good, each with his own small chance (drawn
  // from Beta(2, 500)): the way customers leave in the lifetime-value model, so it fits the demo.
  const drift = pattern === 'dormant' || pattern === 'closed' ? 0 : gamma2(r) / (gamma2(r) + 500);
  let t = from;
  for (;;) {
    const rate = (monthly / 30) * intensity(pattern, (now - t) / DAY);
    t += (-Math.log(1 - r.next()) / rate) * DAY;
    if (t >= until) break;
    if (r.chance(drift)) until = t;
    const at = Math.floor(t / DAY) * DAY + timeOfDay();
    if (at >= now || at < from) continue;
    if (c.kind === 'individual') {
      let pick = r.next() * SPENDING_WEIGHT;
      const spend = SPENDING.find((s) => (pick -= s[4]) < 0) ?? SPENDING[0]!;
      const [category, merchants, low, high, , online] = spend;
      // Amounts lean to the low end, as card spending does.
      const amount = Math.max(1, (low + (high - low) * r.next() ** 2.5) * scale);
      const onCredit = credit !== null && r.chance(0.45);
      if (r.chance(0.04) && card) {
        push({ holding: card, at, amount: r.pick([200, 500, 1_000, 2_000, 3_000]), direction: 'debit', channel: 'ATM', productCode: 'DC-UNION', merchant: null, category: '取现', description: 'ATM取款' });
        continue;
      }
      const holding = onCredit ? credit! : (card ?? current);
      const channel = online ? r.pick(['手机银行', '手机银行', '网银']) : r.chance(0.7) ? 'POS' : '手机银行';
      push({
        holding,
        at,
        amount,
        direction: 'debit',
        channel,
        productCode: codes.get(holding) ?? null,
        merchant: r.pick(merchants),
        category,
        description: online ? '快捷支付' : channel === 'POS' ? '刷卡消费' : '扫码支付',
      });
    } else {
      let pick = r.next() * BUSINESS_WEIGHT;
      const spend = BUSINESS_SPENDING.find((s) => (pick -= s[4]) < 0) ?? BUSINESS_SPENDING[0]!;
      const [category, merchant, low, high, , channel] = spend;
      push({
        holding: current,
        at,
        amount: (low + (high - low) * r.next() ** 3) * scale,
        direction: 'debit',
        channel,
        productCode: 'DEP-CORP',
        merchant: merchant ?? companyName(r, r.pick(CITIES)),
        category,
        description: '对公转账',
      });
    }
  }
  // Money in: pay or pension each month for individuals, receipts for organisations, some transfers.
  const employer = c.kind === 'individual' ? (age >= 60 ? '社会保险基金' : companyName(r, r.pick(CITIES))) : null;
  const salary = Math.round(age >= 60 ? skewed(r, 4_500, 0.4) * Math.sqrt(scale) : skewed(r, 7_500, 0.5) * scale);
  for (let month = new Date(from); month.getTime() < until; month.setUTCMonth(month.getUTCMonth() + 1)) {
    const payday = Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), age >= 60 ? 5 : 10) + 2 * 3_600_000;
    if (payday < from || payday >= until || payday >= now) continue;
    if (c.kind === 'individual') {
      if (pattern !== 'dormant' || r.chance(0.5)) {
        push({ holding: current, at: payday, amount: salary * between(r, 0.95, 1.1), direction: 'credit', channel: '网银', productCode: 'DEP-CUR', merchant: employer, category: age >= 60 ? '养老金' : '工资', description: age >= 60 ? '养老金发放' : '代发工资' });
      }
      const transferAt = payday + r.int(1, 18) * DAY + timeOfDay();
      if (r.chance(0.2) && transferAt < until && transferAt < now) {
        push({ holding: current, at: transferAt, amount: skewed(r, 1_500, 1), direction: 'credit', channel: r.pick(['手机银行', '柜台']), productCode: 'DEP-CUR', merchant: null, category: '转账收入', description: '个人转账' });
      }
    } else {
      for (let k = r.int(1, 4); k > 0; k--) {
        const at = payday + r.int(0, 20) * DAY + timeOfDay();
        if (at >= until || at >= now) continue;
        push({ holding: current, at, amount: skewed(r, 60_000, 1) * scale, direction: 'credit', channel: r.pick(['网银', '网银', '柜台']), productCode: 'DEP-CORP', merchant: companyName(r, r.pick(CITIES)), category: '销售回款', description: '货款' });
      }
    }
  }
  return { holdings, transactions, income };
}

/**
 * Bank-like numbers: 19-digit accounts, 16-digit cards, contract numbers. Unique by the customer id
 * and his holding's number in the middle; the random tail makes the masked ends differ.
 */
function accountNumber(r: Random, kind: HoldingKind, customerId: number, index: number): string {
  const mid = `${String(customerId).padStart(8, '0')}${index}`;
  const tail = (digits: number) => String(r.int(0, 10 ** digits - 1)).padStart(digits, '0');
  switch (kind) {
    case 'credit_card':
      return `6259${mid}${tail(3)}`;
    case 'debit_card':
      return `6217${mid}${tail(3)}`;
    case 'loan':
    case 'mortgage':
      return `LN${mid}${tail(4)}`;
    case 'insurance':
      return `BD${mid}${tail(4)}`;
    case 'investment':
      return `WM${mid}${tail(4)}`;
    case 'service_contract':
      return `HT${mid}${tail(4)}`;
    default:
      return `6228480${mid}${tail(3)}`;
  }
}
