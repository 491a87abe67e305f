import { pinyin } from 'pinyin-pro';
import type { Random } from './random.ts';

// Frequent surnames (the 2020 census top list) and common given-name characters.
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '潘', '袁', '蔡', '蒋', '余', '于', '杜', '叶', '程', '魏', '苏', '吕', '丁', '任', '卢', '欧阳', '司马', '诸葛', '上官', '单', '解'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平', '刚', '桂', '英', '华', '玉', '建', '国', '文', '辉', '鑫', '宇', '浩', '晨', '欣', '怡', '佳', '俊', '子', '涵', '梓', '轩', '雨', '萱', '思', '博', '嘉', '瑞', '琳', '婷', '慧'];
const MINORITY = ['买买提·艾力', '阿依古丽·买合木提', '扎西·多吉', '热依扎·阿不都', '巴特尔·孟和'];
const LATIN_FIRST = ['James', 'Mary', 'David', 'Anna', 'Michael', 'Sophie', 'Thomas', 'Emma', 'Lucas', 'Olivia'];
const LATIN_LAST = ['Smith', 'Müller', 'García', 'Johnson', 'Brown', 'Martin', 'Rossi', 'Wilson', 'Dubois', 'Taylor'];

const COMPANY_PREFIX = ['华', '中', '新', '金', '东方', '长江', '恒', '信', '瑞', '联', '嘉', '天', '远', '盛', '泰', '宏', '安', '德', '创', '云'];
const COMPANY_CORE = ['科技', '贸易', '实业', '电子', '物流', '制造', '医药', '建设', '能源', '食品', '纺织', '传媒', '软件', '投资', '化工'];
const COMPANY_SUFFIX = ['有限公司', '股份有限公司', '有限责任公司', '集团有限公司'];
const LATIN_COMPANY = ['Pacific Trading Co., Ltd.', 'Northstar Logistics Ltd.', 'Bluewave Software Inc.', 'Evergreen Foods Limited', 'Summit Medical Corp.'];

export interface DemoPerson {
  name: string;
  nameEn: string | null;
  gender: 'male' | 'female';
}

export function personName(r: Random): DemoPerson {
  const gender = r.chance(0.5) ? 'male' : 'female';
  if (r.chance(0.03)) return { name: r.pick(MINORITY), nameEn: null, gender };
  if (r.chance(0.05)) {
    const name = `${r.pick(LATIN_FIRST)} ${r.pick(LATIN_LAST)}`;
    return { name, nameEn: name, gender };
  }
  const surname = r.pick(SURNAMES);
  const given = r.pick(GIVEN) + (r.chance(0.7) ? r.pick(GIVEN) : '');
  const name = surname + given;
  // Some customers also give a romanised name (passport spelling): surname first, as in China.
  const nameEn = r.chance(0.1) ? romanise(surname, given) : null;
  return { name, nameEn, gender };
}

export function companyName(r: Random, city: string): string {
  if (r.chance(0.05)) return r.pick(LATIN_COMPANY);
  const withCity = r.chance(0.5);
  const core = r.pick(COMPANY_PREFIX) + r.pick(COMPANY_PREFIX) + r.pick(COMPANY_CORE);
  return withCity ? `${city}${core}${r.pick(COMPANY_SUFFIX)}` : `${core}（${city}）${r.pick(COMPANY_SUFFIX)}`;
}

function romanise(surname: string, given: string): string {
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const syllables = (s: string) => pinyin(s, { toneType: 'none', type: 'array', surname: 'head' }).join('');
  return `${cap(syllables(surname))} ${cap(syllables(given))}`;
}
