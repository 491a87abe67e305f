import { readFileSync } from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CUSTOMER_STATUSES } from '#modules/customers/customers.dto.ts';
import { CUSTOMER_CLASSES, LIFECYCLE_STAGES, RFM_SEGMENTS, ValueSettings } from '#modules/value/value.service.ts';

/**
 * The data dictionary: every field of customers, holdings and transactions with what it means and
 * where its values come from, in both languages, plus the institution's custom fields. Readable by
 * all staff, so a marketer and a data engineer mean the same thing by "status".
 */
interface Entry {
  entity: 'customer' | 'contact' | 'holding' | 'transaction';
  field: string;
  labelZh: string;
  labelEn: string;
  meaningZh: string;
  meaningEn: string;
  sourceZh: string;
  sourceEn: string;
  /**
   * Codes the meaning names, with the names the screens give them: `{names}` in the meaning is the
   * list of them all, `{none}` the name of "none", `{<code>}` the name of one code.
   */
  names?: Names;
}

/** Where the web app's catalogues keep the names of a list of codes: `<prefix>.<code>`. */
interface Names {
  prefix: string;
  codes: readonly string[];
  /** The catalogue key of the name shown when there is no code. */
  none?: string;
}

const STAFF_OR_IMPORT = ['员工录入或数据导入', 'Entered by staff or imported'] as const;
const IMPORTED = ['业务系统每日抽取或文件导入', 'Daily extraction from the business systems, or a file import'] as const;
const COMPUTED = ['系统每晚及数据变化时计算', 'Computed by Guanxi nightly and whenever the data behind it changes'] as const;

const e = (entity: Entry['entity'], field: string, label: [string, string], meaning: [string, string], source: readonly [string, string], names?: Names): Entry => ({
  entity,
  field,
  labelZh: label[0],
  labelEn: label[1],
  meaningZh: meaning[0],
  meaningEn: meaning[1],
  sourceZh: source[0],
  sourceEn: source[1],
  ...(names ? { names } : {}),
});

const VALUE_DEFAULTS = ValueSettings.parse({});
/** The tiers of an installation that never changed them, highest first: the examples the dictionary gives. */
const DEFAULT_TIERS = VALUE_DEFAULTS.tiers.map((t) => t.key);
const DEFAULT_MATRIX_TIERS = DEFAULT_TIERS.filter((key) => VALUE_DEFAULTS.matrix.cells.some((row) => row.includes(key)));
const HOLDING_STATUSES = ['active', 'dormant', 'closed'] as const;

export const BUILTIN_DICTIONARY: Entry[] = [
  e('customer', 'code', ['客户编码', 'Customer code'], ['客户在本系统中的唯一编号：新客户按编码规则生成；导入文件也可给出编码，已有该编码的客户按文件更新', 'The unique number of the customer in Guanxi: new customers get one from the code pattern; an import may give codes, and updates the customers that have them'], ['系统生成或数据导入', 'Set by Guanxi, or imported']),
  e('customer', 'kind', ['客户类型', 'Kind'], ['个人客户或单位客户', 'An individual or an organisation'], STAFF_OR_IMPORT),
  e('customer', 'name', ['名称', 'Name'], ['个人姓名或单位登记名称', "A person's name or an organisation's registered name"], STAFF_OR_IMPORT),
  e('customer', 'idType', ['证件类型', 'ID type'], ['居民身份证、护照、港澳台通行证、统一社会信用代码等', 'Resident ID, passport, permits, unified social credit code …'], STAFF_OR_IMPORT),
  e('customer', 'idNumber', ['证件号码', 'ID number'], ['经 GB 11643 / GB 32100 校验的证件号码', 'Checked against GB 11643 / GB 32100'], STAFF_OR_IMPORT),
  e('customer', 'mobile', ['手机', 'Mobile'], ['以 +86 开头的国际格式存储', 'Stored in international form (+86…)'], STAFF_OR_IMPORT),
  e('customer', 'status', ['客户状态', 'Status'], ['{names}', '{names}'], STAFF_OR_IMPORT, { prefix: 'customer.status', codes: CUSTOMER_STATUSES }),
  e('customer', 'orgUnitId', ['所属机构', 'Org unit'], ['管理该客户的机构，决定谁能看到该客户；导入文件以机构号（orgUnitCode）指明', 'The unit that serves the customer; decides who may see the customer; an import names it by its code (orgUnitCode)'], STAFF_OR_IMPORT),
  e('customer', 'ownerId', ['客户经理', 'Customer manager'], ['负责该客户的员工；导入文件以其用户名（ownerUsername）指明', 'The member of staff responsible for the customer; an import names them by user name (ownerUsername)'], STAFF_OR_IMPORT),
  e('customer', 'districtCode', ['区县', 'District'], ['GB/T 2260 行政区划代码', 'GB/T 2260 administrative division code'], STAFF_OR_IMPORT),
  e('customer', 'sourceChannel', ['来源渠道', 'Source channel'], ['客户最初从何而来', 'Where the customer first came from'], STAFF_OR_IMPORT),
  e('contact', 'name', ['联系人姓名', 'Contact name'], ['客户的联系人，如企业的财务负责人或个人客户的家属', "A customer's contact person, e.g. a company's finance manager or a relative of an individual"], STAFF_OR_IMPORT),
  e('contact', 'title', ['职务或关系', 'Title or relation'], ['联系人的职务，或与客户的关系（配偶、子女等）', "The contact's job title, or relation to the customer (spouse, child …)"], STAFF_OR_IMPORT),
  e('contact', 'mobile', ['联系人手机', 'Contact mobile'], ['以 +86 开头的国际格式存储；导入时按手机、电话或邮箱识别已有联系人，不重复添加', 'Stored in international form (+86…); an import recognises an existing contact by mobile, phone or email and never adds him twice'], STAFF_OR_IMPORT),
  e('contact', 'phone', ['联系人电话', 'Contact phone'], ['固定电话（如 010-12345678）或手机', 'A landline (e.g. 010-12345678) or a mobile'], STAFF_OR_IMPORT),
  e('contact', 'email', ['联系人邮箱', 'Contact email'], ['以小写存储', 'Stored in lower case'], STAFF_OR_IMPORT),
  e('contact', 'isPrimary', ['主要联系人', 'Primary contact'], ['每个客户至多一位；导入的第一位联系人在客户尚无主要联系人时成为主要联系人', 'At most one per customer; the first imported contact becomes primary when the customer has none'], STAFF_OR_IMPORT),
  e('holding', 'kind', ['产品类型', 'Kind'], ['存款、贷款、按揭、信用卡、保险、理财、合约、会员等', 'Deposit, loan, mortgage, card, insurance, investment, contract, membership …'], IMPORTED),
  e('holding', 'externalId', ['账号', 'Account number'], ['源系统中的账号、卡号或合同号', 'The account, card or contract number in the source system'], IMPORTED),
  e('holding', 'balance', ['余额', 'Balance'], ['抽取当日的余额，精确到分，币种见"币种"；贷款、按揭和信用卡为客户所欠金额（正数，溢缴为负数）', 'Balance on the day of extraction, exact to the cent, in its currency; for loans, mortgages and credit cards what the customer owes (positive; an overpayment is negative)'], IMPORTED),
  e('holding', 'creditLimit', ['授信额度', 'Credit limit'], ['信用卡或贷款的额度', 'The limit of a card or loan'], IMPORTED),
  e('holding', 'status', ['账户状态', 'Status'], ['{names}', '{names}'], IMPORTED, { prefix: 'holdings.status', codes: HOLDING_STATUSES }),
  e('transaction', 'occurredAt', ['交易时间', 'Time'], ['交易发生的时间（未注明时区按北京时间）', 'When the transaction happened (China time unless the source says otherwise)'], IMPORTED),
  e('transaction', 'amount', ['交易金额', 'Amount'], ['交易金额，存为正数，方向见"借贷方向"；文件中的负数金额（如 -256.80）读作支出', 'Stored as a positive number, its sign in the direction; a negative amount in a file (-256.80) is read as money out'], IMPORTED),
  e('transaction', 'direction', ['借贷方向', 'Direction'], ['借（支出）或贷（收入）', 'Debit (money out) or credit (money in)'], IMPORTED),
  e('transaction', 'channel', ['渠道', 'Channel'], ['柜面、手机银行、网银、ATM、POS 等', 'Counter, mobile, online, ATM, POS …'], IMPORTED),
  e('transaction', 'merchant', ['商户', 'Merchant'], ['交易对手或商户名称', 'The counterparty or merchant'], IMPORTED),
  e('customer', 'externalId', ['源系统客户号', 'ID in the source system'], ['客户在某一业务系统中的编号，在该来源系统内唯一；导入按它匹配客户', "The customer's number in one business system, unique within that system; imports match customers by it"], IMPORTED),
  e('customer', 'nameEn', ['英文名', 'Latin name'], ['英文名或拼音名，如护照所载', 'The name in Latin letters, as on a passport'], STAFF_OR_IMPORT),
  e('customer', 'gender', ['性别', 'Gender'], ['男、女或未知；有居民身份证号码时由号码推出', 'Male, female or unknown; a resident ID number gives it'], STAFF_OR_IMPORT),
  e('customer', 'birthDate', ['出生日期', 'Birth date'], ['个人客户的出生日期；有居民身份证号码时由号码推出', "An individual's date of birth; a resident ID number gives it"], STAFF_OR_IMPORT),
  e('customer', 'phone', ['电话', 'Phone'], ['固定电话（如 010-12345678）或手机', 'A landline (e.g. 010-12345678) or a mobile'], STAFF_OR_IMPORT),
  e('customer', 'email', ['邮箱', 'Email'], ['以小写存储；新客户的邮箱与已有客户相同时视为重复', 'Stored in lower case; a new customer with the email of another is a duplicate'], STAFF_OR_IMPORT),
  e('customer', 'provinceCode', ['省份', 'Province'], ['GB/T 2260 行政区划代码；填写区县时自动补全', 'GB/T 2260 code; filled in from the district'], STAFF_OR_IMPORT),
  e('customer', 'cityCode', ['城市', 'City'], ['GB/T 2260 行政区划代码；填写区县时自动补全', 'GB/T 2260 code; filled in from the district'], STAFF_OR_IMPORT),
  e('customer', 'address', ['地址', 'Address'], ['街道、门牌等详细地址', 'The street address'], STAFF_OR_IMPORT),
  e('customer', 'postalCode', ['邮政编码', 'Postal code'], ['六位数字邮政编码', 'The six-digit postal code'], STAFF_OR_IMPORT),
  e('customer', 'industry', ['行业', 'Industry'], ['单位客户所属行业，或个人客户从业的行业', "An organisation's industry, or the one an individual works in"], STAFF_OR_IMPORT),
  e('customer', 'size', ['企业规模', 'Size'], ['单位客户的规模：微型、小型、中型、大型', "An organisation's size: micro, small, medium, large"], STAFF_OR_IMPORT),
  e('holding', 'customer', ['客户', 'Customer'], ['持有该产品的客户，文件中以客户编码或源系统客户号指明；客户未知的行进入隔离区等待', 'The customer who holds it, named in a file by customer code or source-system ID; rows of unknown customers wait in quarantine'], IMPORTED),
  e('holding', 'sourceSystem', ['来源系统', 'Source system'], ['数据来自哪个业务系统（如 core、card）；账号在该系统内唯一', 'The business system the data comes from (core, card …); account numbers are unique within it'], IMPORTED),
  e('holding', 'productCode', ['产品代码', 'Product code'], ['源系统中的产品代码', 'The product code in the source system'], IMPORTED),
  e('holding', 'productName', ['产品名称', 'Product name'], ['产品名称，如"白金信用卡"', 'The product name, such as "Platinum credit card"'], IMPORTED),
  e('holding', 'currency', ['币种', 'Currency'], ['ISO 4217 币种代码，如 CNY、USD；未注明时为人民币', 'ISO 4217 code such as CNY or USD; CNY when the source gives none'], IMPORTED),
  e('holding', 'openedOn', ['开户日期', 'Opened on'], ['开户、签约或投保的日期', 'When the account was opened, the contract signed or the policy taken out'], IMPORTED),
  e('holding', 'maturesOn', ['到期日', 'Matures on'], ['定期存款、贷款、合约或保单的到期日', 'When a time deposit, loan, contract or policy matures'], IMPORTED),
  e('holding', 'closedOn', ['销户日期', 'Closed on'], ['销户或结清的日期；有此日期而无状态时视为销户', 'When it was closed or settled; with this date and no status it counts as closed'], IMPORTED),
  e('transaction', 'customer', ['客户', 'Customer'], ['交易所属的客户，文件中以客户编码或源系统客户号指明；客户未知的行进入隔离区等待', 'The customer it belongs to, named in a file by customer code or source-system ID; rows of unknown customers wait in quarantine'], IMPORTED),
  e('transaction', 'sourceSystem', ['来源系统', 'Source system'], ['数据来自哪个业务系统；交易流水号在该系统内唯一', 'The business system the data comes from; transaction ids are unique within it'], IMPORTED),
  e('transaction', 'externalId', ['交易流水号', 'Transaction ID'], ['源系统中的交易流水号；同一来源系统内唯一，再次导入不会重复记账', 'The ID in the source system; unique within it, so a transaction is never booked twice'], IMPORTED),
  e('transaction', 'holding', ['账户', 'Account'], ['交易所属的账户，以同一来源系统中的账号指明', 'The account it belongs to, by its number in the same source system'], IMPORTED),
  e('transaction', 'currency', ['币种', 'Currency'], ['ISO 4217 币种代码；未注明时取金额上的货币符号，否则为人民币', 'ISO 4217 code; else the currency sign on the amount, else CNY'], IMPORTED),
  e('transaction', 'productCode', ['产品代码', 'Product code'], ['交易涉及的产品', 'The product the transaction concerns'], IMPORTED),
  e('transaction', 'category', ['类别', 'Category'], ['商户类别或交易类别，如餐饮、购物', 'Merchant or transaction category, such as dining or shopping'], IMPORTED),
  e('transaction', 'description', ['摘要', 'Description'], ['源系统中的交易摘要', 'The narrative the source system gives'], IMPORTED),
  e('customer', 'valueTier', ['价值等级', 'Value tier'], ['按贡献度阈值划分的等级（如{names}），阈值可配置；贡献度低于最低一档的客户为“{none}”', 'A tier from contribution thresholds (e.g. {names}), configurable; customers below the lowest are "{none}"'], COMPUTED, { prefix: 'value.tier', codes: DEFAULT_TIERS, none: 'value.tier.none' }),
  e('customer', 'rfmSegment', ['RFM 客群', 'RFM segment'], ['按最近一次消费、消费频次、消费金额的五分位得分命名的客群：{names}；统计窗口内没有消费的客户为“{none}”', 'Named from recency, frequency and spending quintiles: {names}; customers without spending in the window are "{none}"'], COMPUTED, { prefix: 'value.segment', codes: RFM_SEGMENTS.map(([key]) => key), none: 'value.segment.none' }),
  e('customer', 'contribution', ['贡献度', 'Contribution'], ['估算的年度贡献：各类产品余额乘以其利差或费率，加上消费的手续费收入', 'Estimated yearly income: each holding balance times the margin of its kind, plus fee income on spending'], COMPUTED),
  e('customer', 'paretoCore', ['核心客户', 'Core customer'], ['贡献度最高、合计贡献全部贡献度 80%（可配置）的客户', 'The customers with the highest contribution who together bring 80% (configurable) of it'], COMPUTED),
  e('customer', 'lifecycle', ['价值生命周期', 'Lifecycle stage'], ['按近 90 天与之前 90 天消费之比：{names}', 'From spending in the last 90 days against the 90 before: {names}'], COMPUTED, { prefix: 'value.lifecycleStage', codes: LIFECYCLE_STAGES }),
  e('customer', 'matrixTier', ['客户等级（年龄×收入）', 'Matrix tier (age × income)'], ['按年龄段与年收入段矩阵确定的等级（如{names}），分段和每格等级可配置；收入取数字型自定义字段（默认 annual_income）或存款与理财余额', 'A tier from the age band × yearly income band matrix (e.g. {names}), bands and cells configurable; income is a number custom field (annual_income by default) or deposit and investment balances'], COMPUTED, { prefix: 'value.tier', codes: DEFAULT_MATRIX_TIERS }),
  e('customer', 'customerClass', ['重点/潜力/普通', 'Key / potential / ordinary'], ['按管理员设定的规则划分：先判定“{key}”，其余客户中判定“{potential}”，其余为“{ordinary}”', 'From rules the administrator sets: "{key}" first, then "{potential}" among the rest; everybody else is "{ordinary}"'], COMPUTED, { prefix: 'value.class', codes: CUSTOMER_CLASSES }),
  e('customer', 'vip', ['VIP 客户', 'VIP'], ['符合 VIP 规则（默认：存款与理财余额不少于 50 万元）的客户，其余为普通会员', 'Customers matching the VIP rule (by default ¥500,000 or more in deposits and investments); the others are regular'], COMPUTED),
  e('customer', 'clv', ['终身价值', 'Lifetime value'], ['按 BG/NBD 与 Gamma-Gamma 模型估算的未来期间（默认 12 个月）消费价值，可折现；客户太少时按过去消费推算', 'Expected value of future spending over a horizon (12 months by default), optionally discounted, from the BG/NBD and Gamma-Gamma models; from past spending when there are too few customers'], COMPUTED),
  e('customer', 'creditScore', ['信用评分', 'Credit score'], ['评分卡自动评分加上经上级批准的人工调整，每个因素都有说明', 'The scorecard score plus a manual adjustment approved by a superior, with a reason per factor'], COMPUTED),
  e('customer', 'creditLimit', ['授信额度', 'Credit limit'], ['客户的总授信额度；未结应收款与贷款、信用卡余额之和超过时产生预警', "The customer's overall limit; exceeding it with open receivables plus loan and card balances raises an alert"], STAFF_OR_IMPORT),
  e('customer', 'tags', ['标签', 'Tags'], ['手工、规则计算或导入的标签，并保留获得与失去的历史', 'Manual, rule-computed or imported tags, with the history of gaining and losing them'], COMPUTED),
];

type Catalogue = { [key: string]: string | Catalogue };
let catalogues: { zh: Catalogue; en: Catalogue } | undefined;
/** The web app's catalogues: the names the screens show are the names the dictionary gives. */
function screenCatalogues() {
  const read = (file: string) => JSON.parse(readFileSync(new URL(`../../../web/src/i18n/${file}`, import.meta.url), 'utf8')) as Catalogue;
  catalogues ??= { zh: read('zh-CN.json'), en: read('en.json') };
  return catalogues;
}

/** A catalogue's text for a dotted key; undefined when it has none. */
export function screenName(catalogue: Catalogue, key: string): string | undefined {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

function fillNames(template: string, names: Names, catalogue: Catalogue, separator: string): string {
  const name = (code: string) => screenName(catalogue, `${names.prefix}.${code}`) ?? code;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (key === 'names') return names.codes.map(name).join(separator);
    if (key === 'none') return names.none ? (screenName(catalogue, names.none) ?? whole) : whole;
    return names.codes.includes(key) ? name(key) : whole;
  });
}

let resolved: Omit<Entry, 'names'>[] | undefined;
/** The built-in entries with the names of their codes filled in, in each language. */
export function builtinDictionary(): Omit<Entry, 'names'>[] {
  resolved ??= BUILTIN_DICTIONARY.map(({ names, ...entry }) => {
    if (!names) return entry;
    const { zh, en } = screenCatalogues();
    return { ...entry, meaningZh: fillNames(entry.meaningZh, names, zh, '、'), meaningEn: fillNames(entry.meaningEn, names, en, ', ') };
  });
  return resolved;
}

const EntryDto = z.object({
  entity: z.string(),
  field: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  meaningZh: z.string().nullable(),
  meaningEn: z.string().nullable(),
  sourceZh: z.string(),
  sourceEn: z.string(),
  custom: z.boolean(),
});

export const dictionaryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/data-dictionary',
    { schema: { tags: ['data dictionary'], summary: 'Every field with its meaning and source, built-in and custom (readable by all staff)', response: { 200: z.array(EntryDto) } } },
    async () => {
      const custom = (await app.services.customFields.list()).filter((f) => f.active);
      return [
        ...builtinDictionary().map((entry) => ({ ...entry, custom: false })),
        ...custom.map((f) => ({
          entity: f.entity,
          field: `custom.${f.key}`,
          labelZh: f.labelZh,
          labelEn: f.labelEn,
          meaningZh: f.descriptionZh,
          meaningEn: f.descriptionEn,
          sourceZh: STAFF_OR_IMPORT[0],
          sourceEn: STAFF_OR_IMPORT[1],
          custom: true,
        })),
      ];
    },
  );
};
