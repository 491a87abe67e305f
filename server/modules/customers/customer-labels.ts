import type { Locale } from '#platform/i18n/index.ts';

/** The names of customers' coded values in both languages, as the app shows them (an import reads them back). */
export const CUSTOMER_VALUE_LABELS: Record<'kind' | 'status' | 'idType' | 'gender' | 'size', Record<string, Record<Locale, string>>> = {
  kind: { individual: { 'zh-CN': '个人客户', en: 'Individual' }, organization: { 'zh-CN': '单位客户', en: 'Organisation' } },
  status: {
    prospect: { 'zh-CN': '潜在客户', en: 'Prospect' },
    active: { 'zh-CN': '正常', en: 'Active' },
    dormant: { 'zh-CN': '休眠', en: 'Dormant' },
    churned: { 'zh-CN': '已流失', en: 'Churned' },
  },
  idType: {
    resident_id: { 'zh-CN': '居民身份证', en: 'Resident ID card' },
    passport: { 'zh-CN': '护照', en: 'Passport' },
    hk_macau_permit: { 'zh-CN': '港澳居民来往内地通行证', en: 'Hong Kong/Macau home-return permit' },
    taiwan_permit: { 'zh-CN': '台湾居民来往大陆通行证', en: 'Taiwan compatriot permit' },
    foreign_permanent_resident: { 'zh-CN': '外国人永久居留身份证', en: 'Foreign permanent resident ID' },
    uscc: { 'zh-CN': '统一社会信用代码', en: 'Unified social credit code' },
    other: { 'zh-CN': '其他证件', en: 'Other document' },
  },
  gender: { male: { 'zh-CN': '男', en: 'Male' }, female: { 'zh-CN': '女', en: 'Female' }, unknown: { 'zh-CN': '未知', en: 'Unknown' } },
  size: {
    micro: { 'zh-CN': '微型', en: 'Micro' },
    small: { 'zh-CN': '小型', en: 'Small' },
    medium: { 'zh-CN': '中型', en: 'Medium' },
    large: { 'zh-CN': '大型', en: 'Large' },
  },
};
