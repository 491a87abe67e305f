/**
 * What an import can fill: the fields of each target, the column names files commonly give them
 * (for the suggested mapping), and the words files use for coded values (男/女, 借/贷 …).
 */
import { CUSTOMER_VALUE_LABELS } from '#modules/customers/customer-labels.ts';
import type { LocalText } from '#platform/i18n/index.ts';

export const TARGETS = ['customers', 'holdings', 'transactions', 'customer_tags'] as const;
export type ImportTarget = (typeof TARGETS)[number];

export type FieldKind = 'text' | 'date' | 'datetime' | 'amount' | 'code';

export interface TargetField {
  key: string;
  kind: FieldKind;
  required?: boolean;
  /** Header names that map to this field without asking (compared without case, spaces or punctuation). */
  aliases: string[];
}

const f = (key: string, kind: FieldKind, aliases: string[], required = false): TargetField => ({ key, kind, aliases, required });

/** Either of these finds the customer a holding or transaction belongs to. */
const customerRef = [
  f('customerCode', 'text', ['customer code', 'customercode', 'customer no', 'customer number', 'client no', '客户编号', '客户编码', '客户号', '客户代码']),
  f('customerExternalId', 'text', ['customer id', 'customerid', 'customer external id', '客户id', '核心客户号', '源系统客户号', '客户内码']),
];

export const TARGET_FIELDS: Record<ImportTarget, TargetField[]> = {
  customers: [
    f('code', 'text', ['code', 'customer code', '客户编号', '客户编码', '客户号', '客户代码']),
    f('externalId', 'text', ['external id', 'externalid', 'source id', '核心客户号', '源系统客户号', '客户内码', '外部编号']),
    f('kind', 'code', ['kind', 'type', 'customer type', '客户类型', '客户类别', '类型']),
    f('name', 'text', ['name', 'customer name', 'full name', '姓名', '客户名称', '客户姓名', '名称', '户名', '企业名称', '单位名称'], true),
    f('nameEn', 'text', ['english name', 'name en', '英文名', '英文名称']),
    f('gender', 'code', ['gender', 'sex', '性别']),
    f('birthDate', 'date', ['birth date', 'birthday', 'date of birth', 'dob', '出生日期', '生日']),
    f('idType', 'code', ['id type', '证件类型']),
    f('idNumber', 'text', ['id number', 'id no', '证件号码', '证件号', '身份证号', '身份证号码', '统一社会信用代码', '信用代码']),
    f('mobile', 'text', ['mobile', 'mobile phone', 'cell', 'cellphone', '手机', '手机号', '手机号码', '移动电话']),
    f('phone', 'text', ['phone', 'telephone', 'landline', '电话', '固定电话', '联系电话', '座机']),
    f('email', 'text', ['email', 'e-mail', 'mail', '邮箱', '电子邮箱', '电子邮件']),
    f('provinceCode', 'text', ['province code', '省份代码', '省代码']),
    f('cityCode', 'text', ['city code', '城市代码', '市代码']),
    f('districtCode', 'text', ['district code', 'region code', '区县代码', '行政区划代码', '地区代码']),
    f('address', 'text', ['address', '地址', '联系地址', '住址', '通讯地址']),
    f('postalCode', 'text', ['postal code', 'postcode', 'zip', '邮编', '邮政编码']),
    f('industry', 'text', ['industry', '行业', '所属行业']),
    f('size', 'code', ['size', 'company size', '企业规模', '规模']),
    f('status', 'code', ['status', '客户状态', '状态']),
    f('sourceChannel', 'text', ['source', 'channel', 'source channel', '来源', '获客渠道', '来源渠道']),
    f('orgUnitCode', 'text', ['org unit', 'org unit code', 'branch', 'branch code', 'org code', '机构', '机构号', '机构代码', '所属机构', '归属机构', '网点', '网点号']),
    f('ownerUsername', 'text', ['owner', 'owner user name', 'manager', 'customer manager', '客户经理', '客户经理工号', '客户经理用户名', '管户经理', '管户人']),
    // One contact person per row, added to the customer's contacts (matched on mobile, phone or email, so never twice).
    f('contact.name', 'text', ['contact name', 'contact person', '联系人', '联系人姓名', '联系人名称']),
    f('contact.title', 'text', ['contact title', 'contact relation', 'relationship', '联系人关系', '与客户关系', '联系人职务', '联系人职位']),
    f('contact.mobile', 'text', ['contact mobile', 'contact cell', '联系人手机', '联系人手机号', '联系人手机号码']),
    f('contact.phone', 'text', ['contact phone', 'contact telephone', '联系人电话', '联系人座机', '联系人固定电话']),
    f('contact.email', 'text', ['contact email', 'contact e-mail', '联系人邮箱', '联系人电子邮箱']),
  ],
  holdings: [
    ...customerRef,
    f('externalId', 'text', ['account', 'account no', 'account number', 'contract no', '账号', '账户', '卡号', '合同号', '保单号', '账户号'], true),
    f('kind', 'code', ['kind', 'type', 'product type', '产品类型', '业务类型', '账户类型', '类型'], true),
    f('productCode', 'text', ['product code', '产品代码', '产品编号']),
    f('productName', 'text', ['product', 'product name', '产品', '产品名称']),
    f('currency', 'code', ['currency', 'ccy', '币种', '货币']),
    f('balance', 'amount', ['balance', '余额', '账户余额', '贷款余额']),
    f('creditLimit', 'amount', ['limit', 'credit limit', '额度', '授信额度', '信用额度']),
    f('openedOn', 'date', ['opened', 'open date', 'opened on', '开户日期', '起始日期', '签约日期', '开立日期']),
    f('maturesOn', 'date', ['maturity', 'maturity date', 'matures on', '到期日', '到期日期']),
    f('closedOn', 'date', ['closed', 'close date', 'closed on', '销户日期', '结清日期']),
    f('status', 'code', ['status', '状态', '账户状态']),
  ],
  transactions: [
    ...customerRef,
    f('externalId', 'text', ['transaction id', 'transaction no', 'txn id', 'txn no', 'reference', 'serial no', '交易流水号', '流水号', '交易编号', '交易序号'], true),
    f('holdingExternalId', 'text', ['account', 'account no', '账号', '账户', '卡号']),
    f('occurredAt', 'datetime', ['date', 'time', 'transaction date', 'transaction time', '交易日期', '交易时间', '记账日期', '发生时间'], true),
    f('amount', 'amount', ['amount', 'transaction amount', '金额', '交易金额', '发生额'], true),
    f('currency', 'code', ['currency', 'ccy', '币种', '货币']),
    f('direction', 'code', ['direction', 'dc', 'debit/credit', 'dr/cr', 'd/c', '借贷标志', '借贷', '收支', '方向', '收支方向']),
    f('channel', 'text', ['channel', '渠道', '交易渠道']),
    f('productCode', 'text', ['product code', '产品代码']),
    f('merchant', 'text', ['merchant', '商户', '商户名称', '对方户名']),
    f('category', 'text', ['category', 'mcc', '类别', '交易类别', '消费类别']),
    f('description', 'text', ['description', 'memo', 'note', 'narrative', '摘要', '备注', '交易摘要']),
  ],
  customer_tags: [
    ...customerRef,
    f('tagKey', 'text', ['tag', 'tag key', 'label', '标签', '标签代码', '标签编码', '标签键'], true),
  ],
};

/** Each field's name as the web's mapping step shows it, for messages about a mapping (API, CLI and web alike). */
const FIELD_LABELS: Record<ImportTarget, Record<string, LocalText>> = {
  customers: {
    code: { 'zh-CN': '客户编码', en: 'Customer code' },
    externalId: { 'zh-CN': '源系统客户号', en: 'ID in the source system' },
    kind: { 'zh-CN': '客户类型', en: 'Customer type' },
    name: { 'zh-CN': '客户名称', en: 'Name' },
    nameEn: { 'zh-CN': '英文名称', en: 'English name' },
    gender: { 'zh-CN': '性别', en: 'Gender' },
    birthDate: { 'zh-CN': '出生日期', en: 'Date of birth' },
    idType: { 'zh-CN': '证件类型', en: 'ID type' },
    idNumber: { 'zh-CN': '证件号码', en: 'ID number' },
    mobile: { 'zh-CN': '手机号码', en: 'Mobile' },
    phone: { 'zh-CN': '固定电话', en: 'Landline' },
    email: { 'zh-CN': '电子邮箱', en: 'Email' },
    provinceCode: { 'zh-CN': '省份代码', en: 'Province code' },
    cityCode: { 'zh-CN': '城市代码', en: 'City code' },
    districtCode: { 'zh-CN': '区县代码', en: 'District code' },
    address: { 'zh-CN': '地址', en: 'Address' },
    postalCode: { 'zh-CN': '邮政编码', en: 'Postal code' },
    industry: { 'zh-CN': '行业', en: 'Industry' },
    size: { 'zh-CN': '企业规模', en: 'Company size' },
    status: { 'zh-CN': '客户状态', en: 'Customer status' },
    sourceChannel: { 'zh-CN': '来源渠道', en: 'Source channel' },
    orgUnitCode: { 'zh-CN': '机构号', en: 'Org unit code' },
    ownerUsername: { 'zh-CN': '客户经理（用户名）', en: 'Customer manager (user name)' },
    'contact.name': { 'zh-CN': '联系人姓名', en: 'Contact name' },
    'contact.title': { 'zh-CN': '联系人职务或关系', en: 'Contact title or relation' },
    'contact.mobile': { 'zh-CN': '联系人手机', en: 'Contact mobile' },
    'contact.phone': { 'zh-CN': '联系人电话', en: 'Contact phone' },
    'contact.email': { 'zh-CN': '联系人邮箱', en: 'Contact email' },
  },
  holdings: {
    customerCode: { 'zh-CN': '客户编码', en: 'Customer code' },
    customerExternalId: { 'zh-CN': '源系统客户号', en: 'Customer ID in the source system' },
    externalId: { 'zh-CN': '账号 / 合同号', en: 'Account / contract number' },
    kind: { 'zh-CN': '产品类型', en: 'Product type' },
    productCode: { 'zh-CN': '产品代码', en: 'Product code' },
    productName: { 'zh-CN': '产品名称', en: 'Product name' },
    currency: { 'zh-CN': '币种', en: 'Currency' },
    balance: { 'zh-CN': '余额', en: 'Balance' },
    creditLimit: { 'zh-CN': '授信额度', en: 'Credit limit' },
    openedOn: { 'zh-CN': '开户日期', en: 'Opened on' },
    maturesOn: { 'zh-CN': '到期日', en: 'Matures on' },
    closedOn: { 'zh-CN': '销户日期', en: 'Closed on' },
    status: { 'zh-CN': '账户状态', en: 'Account status' },
  },
  transactions: {
    customerCode: { 'zh-CN': '客户编码', en: 'Customer code' },
    customerExternalId: { 'zh-CN': '源系统客户号', en: 'Customer ID in the source system' },
    externalId: { 'zh-CN': '交易流水号', en: 'Transaction ID' },
    holdingExternalId: { 'zh-CN': '账号', en: 'Account number' },
    occurredAt: { 'zh-CN': '交易时间', en: 'Transaction time' },
    amount: { 'zh-CN': '交易金额', en: 'Amount' },
    currency: { 'zh-CN': '币种', en: 'Currency' },
    direction: { 'zh-CN': '借贷标志', en: 'Debit / credit' },
    channel: { 'zh-CN': '交易渠道', en: 'Channel' },
    productCode: { 'zh-CN': '产品代码', en: 'Product code' },
    merchant: { 'zh-CN': '商户', en: 'Merchant' },
    category: { 'zh-CN': '交易类别', en: 'Category' },
    description: { 'zh-CN': '摘要', en: 'Description' },
  },
  customer_tags: {
    customerCode: { 'zh-CN': '客户编号', en: 'Customer code' },
    customerExternalId: { 'zh-CN': '源系统客户号', en: 'Customer ID in the source system' },
    tagKey: { 'zh-CN': '标签键', en: 'Tag key' },
  },
};

/** A mapped field's name in both languages: a target field's label, a custom field's own label, else the key. */
export function fieldLabel(target: ImportTarget, key: string, customFields: { key: string; labelZh: string; labelEn: string }[] = []): LocalText | string {
  const custom = key.startsWith('custom.') ? customFields.find((c) => `custom.${c.key}` === key) : undefined;
  if (custom) return { 'zh-CN': custom.labelZh, en: custom.labelEn };
  return FIELD_LABELS[target][key] ?? key;
}

/** Coded values as files write them → the stored code. Keys are compared lower-cased and trimmed. */
export const VALUE_WORDS: Record<string, Record<string, string>> = {
  kind_customers: { individual: 'individual', person: 'individual', 个人: 'individual', 自然人: 'individual', 对私: 'individual', organization: 'organization', organisation: 'organization', company: 'organization', 企业: 'organization', 对公: 'organization', 单位: 'organization', 公司: 'organization', 机构: 'organization' },
  gender: { male: 'male', m: 'male', 男: 'male', 1: 'male', female: 'female', f: 'female', 女: 'female', 2: 'female', unknown: 'unknown', 未知: 'unknown', 0: 'unknown' },
  idType: { resident_id: 'resident_id', 身份证: 'resident_id', 居民身份证: 'resident_id', passport: 'passport', 护照: 'passport', uscc: 'uscc', 统一社会信用代码: 'uscc', 港澳居民来往内地通行证: 'hk_macau_permit', hk_macau_permit: 'hk_macau_permit', 台湾居民来往大陆通行证: 'taiwan_permit', taiwan_permit: 'taiwan_permit', 外国人永久居留身份证: 'foreign_permanent_resident', foreign_permanent_resident: 'foreign_permanent_resident', other: 'other', 其他: 'other' },
  size: { micro: 'micro', 微型: 'micro', small: 'small', 小型: 'small', medium: 'medium', 中型: 'medium', large: 'large', 大型: 'large' },
  status_customers: { prospect: 'prospect', 潜在: 'prospect', 潜在客户: 'prospect', active: 'active', 正常: 'active', 活跃: 'active', 有效: 'active', dormant: 'dormant', 睡眠: 'dormant', 休眠: 'dormant', churned: 'churned', 流失: 'churned', 销户: 'churned' },
  kind_holdings: {
    deposit: 'deposit', 存款: 'deposit', 活期: 'deposit', 定期: 'deposit', 储蓄: 'deposit',
    loan: 'loan', 贷款: 'loan', 消费贷: 'loan', 经营贷: 'loan',
    mortgage: 'mortgage', 按揭: 'mortgage', 房贷: 'mortgage', 住房贷款: 'mortgage',
    credit_card: 'credit_card', 信用卡: 'credit_card', 贷记卡: 'credit_card',
    debit_card: 'debit_card', 借记卡: 'debit_card', 储蓄卡: 'debit_card',
    insurance: 'insurance', 保险: 'insurance',
    investment: 'investment', 理财: 'investment', 基金: 'investment', 投资: 'investment',
    service_contract: 'service_contract', 合约: 'service_contract', 套餐: 'service_contract', 服务合同: 'service_contract',
    membership: 'membership', 会员: 'membership', 会籍: 'membership',
    other: 'other', 其他: 'other',
  },
  status_holdings: { active: 'active', 正常: 'active', 有效: 'active', dormant: 'dormant', 睡眠: 'dormant', 久悬: 'dormant', closed: 'closed', 销户: 'closed', 结清: 'closed', 已结清: 'closed', 注销: 'closed' },
  direction: { debit: 'debit', d: 'debit', dr: 'debit', 借: 'debit', 支出: 'debit', 支: 'debit', out: 'debit', credit: 'credit', c: 'credit', cr: 'credit', 贷: 'credit', 收入: 'credit', 收: 'credit', in: 'credit' },
  currency: { cny: 'CNY', rmb: 'CNY', 人民币: 'CNY', 元: 'CNY', usd: 'USD', 美元: 'USD', hkd: 'HKD', 港币: 'HKD', 港元: 'HKD', eur: 'EUR', 欧元: 'EUR', jpy: 'JPY', 日元: 'JPY', gbp: 'GBP', 英镑: 'GBP' },
};

// What an export writes reads back: 个人客户, 已流失, Resident ID card …
for (const [field, words] of [['kind', 'kind_customers'], ['status', 'status_customers'], ['idType', 'idType'], ['gender', 'gender'], ['size', 'size']] as const) {
  for (const [code, names] of Object.entries(CUSTOMER_VALUE_LABELS[field])) {
    for (const name of Object.values(names)) VALUE_WORDS[words]![name.toLowerCase()] ??= code;
  }
}

/** The word list for a coded field of a target. */
export function wordsFor(target: ImportTarget, key: string): Record<string, string> | undefined {
  return VALUE_WORDS[`${key}_${target}`] ?? VALUE_WORDS[key];
}

/** The contact fields of a customer file, as `contact.<key>` mapping keys. */
export const CONTACT_FIELDS = ['name', 'title', 'mobile', 'phone', 'email'] as const;

const squash = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s_\-./:：（）()]/g, '');

/**
 * What a file most likely holds, from its suggested mappings: holdings, transactions or tags when
 * their required fields and a customer reference are all found (the one filling most fields wins),
 * customers otherwise.
 */
export function suggestTarget(suggested: Record<ImportTarget, Record<string, string>>): ImportTarget {
  let best: ImportTarget = 'customers';
  let bestFilled = 0;
  for (const target of TARGETS) {
    if (target === 'customers') continue;
    const filled = new Set(Object.values(suggested[target]));
    const complete = TARGET_FIELDS[target].every((f) => !f.required || filled.has(f.key)) && (filled.has('customerCode') || filled.has('customerExternalId'));
    if (complete && filled.size > bestFilled) {
      best = target;
      bestFilled = filled.size;
    }
  }
  return best;
}

/**
 * The mapping a person would most likely choose: each column whose name matches a field's alias,
 * or a custom field's key or label. Columns that match nothing, or a field already taken, stay unmapped.
 */
export function suggestMapping(target: ImportTarget, headers: string[], customFields: { key: string; labelZh: string; labelEn: string }[] = []): Record<string, string> {
  const candidates: [string, string][] = TARGET_FIELDS[target].flatMap((field) => [field.key, ...field.aliases].map((alias) => [squash(alias), field.key] as [string, string]));
  if (target === 'customers') {
    for (const c of customFields) for (const alias of [c.key, c.labelZh, c.labelEn]) candidates.push([squash(alias), `custom.${c.key}`]);
  }
  const mapping: Record<string, string> = {};
  const taken = new Set<string>();
  for (const header of headers) {
    const name = squash(header);
    const match = candidates.find(([alias, key]) => alias === name && !taken.has(key));
    if (match) {
      mapping[header] = match[1];
      taken.add(match[1]);
    }
  }
  return mapping;
}
