import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RETIRED_REGIONS } from './data/region-overrides.js';
import {
  formatMobileForDisplay,
  isChineseName,
  isValidRegionCode,
  lookupRegion,
  maskEmail,
  maskIdNumber,
  maskMobile,
  maskName,
  maskUscc,
  nameSortKey,
  normalizeCompanyName,
  normalizeText,
  parseLandline,
  parseMobile,
  parsePhone,
  parseResidentId,
  parseUscc,
  regionChildren,
  regionPath,
  splitChineseName,
  toHalfWidth,
} from './index.js';

// Reference generators written from the standards, independent of the module:
// GB 11643 weights are 2^(17-i) mod 11, GB 32100 weights are 3^i mod 31.
function idCheck(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'.charAt(sum % 11);
}
const withCheck = (body17: string): string => body17 + idCheck(body17);

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function usccCheck(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(body17.charAt(i)) * (3 ** i % 31);
  return USCC_CHARS.charAt((31 - (sum % 31)) % 31);
}

const fullWidth = (s: string): string =>
  s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('toHalfWidth / normalizeText', () => {
  it('maps full-width ASCII and the ideographic space', () => {
    expect(toHalfWidth('ＡＢＣｘｙｚ０１２９！～（）＠')).toBe('ABCxyz0129!~()@');
    expect(toHalfWidth('中\u3000文')).toBe('中 文');
  });

  it('leaves everything else alone, unlike full NFKC', () => {
    expect(toHalfWidth('①™ｱ中文abc')).toBe('①™ｱ中文abc');
  });

  it('agrees with NFKC on every character it maps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0xff01, max: 0xff5e }), (cp) => {
        const ch = String.fromCharCode(cp);
        expect(toHalfWidth(ch)).toBe(ch.normalize('NFKC'));
      }),
    );
  });

  it('normalises, trims and collapses whitespace', () => {
    expect(normalizeText('  Ａ\u3000\u3000b \t\n c  ')).toBe('A b c');
    expect(normalizeText('Cafe\u0301')).toBe('Café');
    expect(normalizeText('')).toBe('');
  });
});

describe('parseResidentId (GB 11643-1999)', () => {
  it('accepts the example from the standard', () => {
    expect(parseResidentId('11010519491231002X')).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
      regionCode: '110105',
    });
  });

  it('accepts hand-computed vectors', () => {
    // 4·7+4·9+0+3·5+0+5·4+1·2+9·1+9·6+0+0+1·9+0+1·5+0+0+1·2 = 180; 180 mod 11 = 4 → '8'
    expect(parseResidentId('440305199001010018')).toMatchObject({ ok: true, gender: 'male', birthDate: '1990-01-01' });
    // sum 196; 196 mod 11 = 9 → '3'; 1980 is a leap year
    expect(parseResidentId('320102198002290013')).toMatchObject({ ok: true, birthDate: '1980-02-29' });
  });

  it('accepts lower-case x, full-width digits and spaces', () => {
    expect(parseResidentId('11010519491231002x')).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(parseResidentId('１１０１０５１９４９１２３１００２Ｘ')).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(parseResidentId(' 110105 19491231 002x ')).toMatchObject({ ok: true, value: '11010519491231002X' });
  });

  it('upgrades 15-digit legacy numbers', () => {
    expect(parseResidentId('110105491231002')).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
      regionCode: '110105',
    });
    expect(parseResidentId('440305900101001')).toMatchObject({ ok: true, value: '440305199001010018', gender: 'male' });
    expect(parseResidentId('110105490230002')).toEqual({ ok: false, reason: 'birthdate' });
  });

  it('rejects a wrong check digit', () => {
    expect(parseResidentId('110105194912310021')).toEqual({ ok: false, reason: 'checksum' });
    expect(parseResidentId('440305199001010019')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('rejects impossible and out-of-range birth dates', () => {
    expect(parseResidentId(withCheck('11010519490229002'))).toEqual({ ok: false, reason: 'birthdate' });
    expect(parseResidentId(withCheck('11010519000229002'))).toEqual({ ok: false, reason: 'birthdate' }); // 1900 is not leap
    expect(parseResidentId(withCheck('11010520000229002'))).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(parseResidentId(withCheck('11010518991231002'))).toEqual({ ok: false, reason: 'birthdate' });
    expect(parseResidentId(withCheck('11010519901301002'))).toEqual({ ok: false, reason: 'birthdate' });
    expect(parseResidentId(withCheck('11010519900431002'))).toEqual({ ok: false, reason: 'birthdate' });
    expect(parseResidentId(withCheck('11010519900100002'))).toEqual({ ok: false, reason: 'birthdate' });
  });

  it('rejects birth dates in the future, judged in China time', () => {
    const now = new Date('2024-06-01T20:00:00Z'); // already 2 June in Beijing
    expect(parseResidentId(withCheck('11010520240602002'), { now })).toMatchObject({ ok: true });
    expect(parseResidentId(withCheck('11010520240603002'), { now })).toEqual({ ok: false, reason: 'birthdate' });
    expect(parseResidentId(withCheck('11010529990101002'))).toEqual({ ok: false, reason: 'birthdate' });
  });

  it('rejects malformed input', () => {
    for (const bad of ['', '1101051949123100', '1101051949123100211', '11010519491231X02X', 'ABCDEFGHIJKLMNOPQR', '1101054912310', '11010549123100X']) {
      expect(parseResidentId(bad)).toEqual({ ok: false, reason: 'format' });
    }
  });

  const body17 = fc
    .record({
      region: fc.stringMatching(/^[1-8]\d{5}$/),
      date: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true }),
      seq: fc.stringMatching(/^\d{3}$/),
    })
    .map(({ region, date, seq }) => ({ body: region + date.toISOString().slice(0, 10).replace(/-/g, '') + seq, date }));

  it('round-trips every generated valid ID', () => {
    fc.assert(
      fc.property(body17, ({ body, date }) => {
        const id = withCheck(body);
        const r = parseResidentId(id.toLowerCase());
        expect(r).toEqual({
          ok: true,
          value: id,
          birthDate: date.toISOString().slice(0, 10),
          gender: Number(body[16]) % 2 === 1 ? 'male' : 'female',
          regionCode: body.slice(0, 6),
        });
      }),
    );
  });

  it('detects any single-character change and any adjacent transposition', () => {
    fc.assert(
      fc.property(body17, fc.nat(17), fc.integer({ min: 1, max: 10 }), ({ body }, pos, delta) => {
        const id = withCheck(body);
        const chars = '0123456789X';
        const alphabet = pos === 17 ? chars : chars.slice(0, 10);
        const old = id.charAt(pos);
        const replacement = alphabet.charAt((alphabet.indexOf(old) + delta) % alphabet.length);
        fc.pre(replacement !== old);
        const changed = id.slice(0, pos) + replacement + id.slice(pos + 1);
        expect(parseResidentId(changed)).toEqual({ ok: false, reason: 'checksum' });
      }),
    );
    fc.assert(
      fc.property(body17, fc.nat(15), ({ body }, pos) => {
        const id = withCheck(body);
        fc.pre(id[pos] !== id[pos + 1]);
        const swapped = id.slice(0, pos) + id.charAt(pos + 1) + id.charAt(pos) + id.slice(pos + 2);
        expect(parseResidentId(swapped).ok).toBe(false);
      }),
    );
  });
});

describe('parseUscc (GB 32100-2015)', () => {
  it('accepts the published example', () => {
    // 9·1+1·3+3·9+5·27+1·26+M(21)·20+1·8+Y(30)·30+4·28 = 1640; 1640 mod 31 = 28 → 31-28 = 3
    expect(parseUscc('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(usccCheck('91350100M000100Y4')).toBe('3');
  });

  it('accepts lower-case, full-width and spaced input', () => {
    expect(parseUscc('91350100m000100y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(parseUscc(fullWidth('91350100m000100y43'))).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(parseUscc(' 9135 0100 M000 100Y 43 ')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });

  it('maps a remainder of 0 to check character 0', () => {
    const body = Array.from(USCC_CHARS, (c) => `91110000MA01${c}ABCD`).find((b) => usccCheck(b) === '0');
    expect(body).toBeDefined();
    expect(parseUscc(`${body}0`)).toMatchObject({ ok: true });
  });

  it('rejects a wrong check character', () => {
    expect(parseUscc('91350100M000100Y44')).toEqual({ ok: false, reason: 'checksum' });
    expect(parseUscc('91350100M000100Y4Y')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('rejects forbidden letters and malformed codes', () => {
    for (const letter of ['I', 'O', 'Z', 'S', 'V']) {
      expect(parseUscc(`91350100M000100${letter}43`)).toEqual({ ok: false, reason: 'format' });
    }
    for (const bad of ['', '91350100M000100Y4', '91350100M000100Y433', '91A50100M000100Y43', '91350100M000100Y4-']) {
      expect(parseUscc(bad)).toEqual({ ok: false, reason: 'format' });
    }
  });

  const usccBody = fc
    .tuple(
      fc.stringMatching(/^[0-9A-HJ-NP-RTUWXY]{2}$/),
      fc.stringMatching(/^\d{6}$/),
      fc.stringMatching(/^[0-9A-HJ-NP-RTUWXY]{9}$/),
    )
    .map((parts) => parts.join(''));

  it('round-trips generated codes and detects any single substitution', () => {
    fc.assert(
      fc.property(usccBody, fc.nat(17), fc.integer({ min: 1, max: 30 }), (body, pos, delta) => {
        const code = body + usccCheck(body);
        expect(parseUscc(code.toLowerCase())).toEqual({ ok: true, value: code });
        const alphabet = pos >= 2 && pos <= 7 ? '0123456789' : USCC_CHARS;
        const old = code.charAt(pos);
        const replacement = alphabet.charAt((alphabet.indexOf(old) + delta) % alphabet.length);
        fc.pre(replacement !== old);
        const changed = code.slice(0, pos) + replacement + code.slice(pos + 1);
        expect(parseUscc(changed)).toEqual({ ok: false, reason: 'checksum' });
      }),
    );
  });
});

describe('phones', () => {
  it('parses mobile numbers in the usual spellings', () => {
    for (const s of [
      '13800138000',
      '138 0013 8000',
      '138-0013-8000',
      '+86 138 0013 8000',
      '+8613800138000',
      '0086 138 0013 8000',
      '0086-13800138000',
      '86 13800138000',
      '(+86) 138-0013-8000',
      '１３８００１３８０００',
      '＋８６\u3000１３８\u3000００１３\u3000８０００',
    ]) {
      expect(parseMobile(s), s).toEqual({ ok: true, e164: '+8613800138000' });
    }
    expect(parseMobile('19912345678')).toEqual({ ok: true, e164: '+8619912345678' });
  });

  it('rejects non-mobiles', () => {
    for (const s of ['', '12800138000', '10086', '1380013800', '138001380001', '+85213800138000', '+1 138 0013 8000', '010-12345678', 'abc']) {
      expect(parseMobile(s), s).toEqual({ ok: false });
    }
  });

  it('parses landlines with 3- and 4-digit area codes', () => {
    const cases: [string, string][] = [
      ['010-12345678', '010-12345678'],
      ['(010) 1234 5678', '010-12345678'],
      ['01012345678', '010-12345678'],
      ['021 1234 5678', '021-12345678'],
      ['0755-1234567', '0755-1234567'],
      ['０７５５－８８８８８８８８', '0755-88888888'],
      ['+86 10 1234 5678', '010-12345678'],
      ['+86 (0)755 12345678', '0755-12345678'],
      ['0086-21-12345678', '021-12345678'],
    ];
    for (const [input, value] of cases) expect(parseLandline(input), input).toEqual({ ok: true, value });
  });

  it('keeps extensions', () => {
    expect(parseLandline('010-12345678-123')).toEqual({ ok: true, value: '010-12345678-123' });
    expect(parseLandline('0755-1234567-8888')).toEqual({ ok: true, value: '0755-1234567-8888' });
    expect(parseLandline('010-12345678 转 123')).toEqual({ ok: true, value: '010-12345678-123' });
    expect(parseLandline('010 1234 5678 ext. 45')).toEqual({ ok: true, value: '010-12345678-45' });
    expect(parseLandline('021-12345678#9')).toEqual({ ok: true, value: '021-12345678-9' });
  });

  it('rejects malformed landlines', () => {
    for (const s of ['', '12345678', '010-123456', '010-123456789', '0138-1234567', '010-01234567', '13800138000', 'tel 010-12345678']) {
      expect(parseLandline(s), s).toEqual({ ok: false });
    }
  });

  it('parsePhone picks the kind', () => {
    expect(parsePhone('+86 138 0013 8000')).toEqual({ kind: 'mobile', value: '+8613800138000' });
    expect(parsePhone('0755-1234567-8888')).toEqual({ kind: 'landline', value: '0755-1234567-8888' });
    expect(parsePhone('12345')).toBeNull();
  });

  it('formats mobiles 3-4-4 for display', () => {
    expect(formatMobileForDisplay('+8613800138000')).toBe('138 0013 8000');
    expect(formatMobileForDisplay('13800138000')).toBe('138 0013 8000');
    expect(formatMobileForDisplay('not a phone')).toBe('not a phone');
  });
});

describe('masking', () => {
  it('masks ID numbers', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('11010519491231002x')).toBe('110105********002X');
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002');
    expect(maskIdNumber('12345')).toBe('*****');
  });

  it('masks mobiles', () => {
    expect(maskMobile('+8613800138000')).toBe('138****8000');
    expect(maskMobile('0086 138-0013-8000')).toBe('138****8000');
    expect(maskMobile('+1 415 555 0100')).toBe('********0100');
    expect(maskMobile('1234')).toBe('****');
  });

  it('masks email addresses', () => {
    expect(maskEmail('zhang.san@example.com')).toBe('z***@example.com');
    expect(maskEmail('a@example.com')).toBe('a***@example.com');
    expect(maskEmail('张三@例子.中国')).toBe('张***@例子.中国');
    expect(maskEmail('no-at-sign')).toBe('n*********');
  });

  it('masks unified social credit codes', () => {
    expect(maskUscc('91350100M000100Y43')).toBe('9135**********0Y43');
  });

  it('masks names', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('诸葛亮')).toBe('诸葛*');
    expect(maskName('买买提·艾力')).toBe('买**·**');
    expect(maskName('John Smith')).toBe('J*** S****');
    expect(maskName("Mary-Jane O'Neil")).toBe('M***-J*** O*****');
    expect(maskName('张')).toBe('张');
    expect(maskName('')).toBe('');
  });
});

describe('names', () => {
  it('splits surname first', () => {
    expect(splitChineseName('张三丰')).toEqual({ surname: '张', givenName: '三丰' });
    expect(splitChineseName('王五')).toEqual({ surname: '王', givenName: '五' });
    expect(splitChineseName('单田芳')).toEqual({ surname: '单', givenName: '田芳' });
  });

  it('recognises compound surnames', () => {
    expect(splitChineseName('欧阳娜娜')).toEqual({ surname: '欧阳', givenName: '娜娜' });
    expect(splitChineseName('司马光')).toEqual({ surname: '司马', givenName: '光' });
    expect(splitChineseName('诸葛亮')).toEqual({ surname: '诸葛', givenName: '亮' });
    expect(splitChineseName('上官婉儿')).toEqual({ surname: '上官', givenName: '婉儿' });
    expect(splitChineseName('令狐冲')).toEqual({ surname: '令狐', givenName: '冲' });
    expect(splitChineseName('歐陽修')).toEqual({ surname: '歐陽', givenName: '修' });
    // Two characters are always surname + given name.
    expect(splitChineseName('司马')).toEqual({ surname: '司', givenName: '马' });
  });

  it('does not split middle-dot names', () => {
    expect(splitChineseName('阿沛·阿旺晋美')).toEqual({ surname: '', givenName: '阿沛·阿旺晋美' });
    expect(splitChineseName('买买提•艾力')).toEqual({ surname: '', givenName: '买买提·艾力' });
    expect(splitChineseName('买买提 . 艾力')).toEqual({ surname: '', givenName: '买买提·艾力' });
  });

  it('ignores spaces inside Chinese names and leaves Latin names whole', () => {
    expect(splitChineseName(' 张 三丰 ')).toEqual({ surname: '张', givenName: '三丰' });
    expect(splitChineseName('John Smith')).toEqual({ surname: '', givenName: 'John Smith' });
    expect(splitChineseName('单')).toEqual({ surname: '单', givenName: '' });
    expect(splitChineseName('')).toEqual({ surname: '', givenName: '' });
  });

  it('isChineseName', () => {
    for (const s of ['张三', '欧阳娜娜', '阿沛·阿旺晋美', '张 三', '李']) expect(isChineseName(s), s).toBe(true);
    for (const s of ['', 'John Smith', '张三1', '张三A', '·张三', '张三·', 'さくら']) expect(isChineseName(s), s).toBe(false);
  });

  it('nameSortKey gives toneless pinyin, surname readings first', () => {
    expect(nameSortKey('张三丰')).toBe('zhang san feng');
    expect(nameSortKey('单田芳')).toBe('shan tian fang');
    expect(nameSortKey('曾国藩')).toBe('zeng guo fan');
    expect(nameSortKey('解缙')).toBe('xie jin');
    expect(nameSortKey('田单')).toBe('tian dan'); // 单 outside the surname keeps its common reading
    expect(nameSortKey('欧阳娜娜')).toBe('ou yang na na');
    expect(nameSortKey('吕布')).toBe('lv bu');
    expect(nameSortKey('买买提·艾力')).toBe('mai mai ti ai li');
    expect(nameSortKey('Zoë  MÜLLER')).toBe('zoe muller');
  });

  it('sorting by nameSortKey sorts by pinyin', () => {
    const names = ['陈', '马', '安', '吕', '白', '陆', '单', '曾'];
    const sorted = [...names].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : 1));
    expect(sorted).toEqual(['安', '白', '陈', '陆', '吕', '马', '单', '曾']);
  });
});

describe('normalizeCompanyName', () => {
  const same = (...names: string[]): void => {
    const keys = new Set(names.map(normalizeCompanyName));
    expect(keys.size, names.join(' | ')).toBe(1);
  };

  it('ignores legal forms, width, spacing and case', () => {
    same('北京字节跳动科技有限公司', '北京字节跳动科技 有限责任公司', '北京字节跳动科技股份有限公司', ' 北京字节跳动科技　有限公司 ');
    same('ＡＢＣ科技有限公司', 'ABC科技有限公司', 'abc 科技 有限公司');
    expect(normalizeCompanyName('北京字节跳动科技有限公司')).toBe('北京字节跳动科技');
  });

  it('drops bracketed qualifiers in either bracket style', () => {
    same('腾讯科技（深圳）有限公司', '腾讯科技(深圳)有限公司', '腾讯科技有限公司');
    same('阿里巴巴（中国）网络技术有限公司', '阿里巴巴网络技术有限公司');
  });

  it('handles English legal forms as whole words', () => {
    same('ABC Technology Co., Ltd.', 'abc technology co.,ltd', 'ABC Technology Company Limited', 'ABC Technology Ltd', 'ＡＢＣ　Ｔｅｃｈｎｏｌｏｇｙ　Ｃｏ．，Ｌｔｄ．');
    same('Acme Inc.', 'ACME, Inc', 'Acme LLC', 'Acme Corporation', 'Acme Corp.');
    expect(normalizeCompanyName('Tesco')).toBe('tesco');
  });

  it('keeps region prefixes, 集团 and branches distinct', () => {
    expect(normalizeCompanyName('北京字节跳动科技有限公司')).not.toBe(normalizeCompanyName('字节跳动科技有限公司'));
    expect(normalizeCompanyName('海尔集团有限公司')).toBe('海尔集团');
    expect(normalizeCompanyName('海尔集团有限公司')).not.toBe(normalizeCompanyName('海尔有限公司'));
    expect(normalizeCompanyName('腾讯科技有限公司北京分公司')).toBe('腾讯科技北京分公司');
    same('腾讯科技（深圳）有限公司北京分公司', '腾讯科技有限责任公司北京分公司');
    expect(normalizeCompanyName('腾讯科技有限公司北京分公司')).not.toBe(normalizeCompanyName('腾讯科技有限公司'));
    expect(normalizeCompanyName('中国工商银行股份有限公司北京分行')).toBe('中国工商银行北京分行');
  });

  it('never reduces a name to nothing', () => {
    expect(normalizeCompanyName('有限公司')).toBe('有限公司');
    expect(normalizeCompanyName('Company')).toBe('company');
  });
});

describe('regions (GB/T 2260)', () => {
  it('names divisions in English: pinyin and the kind of division', () => {
    const en = (code: string) => regionPath(code).at(-1)?.nameEn;
    expect(regionPath('110105').map((r) => r.nameEn)).toEqual(['Beijing', 'Chaoyang District']);
    expect(en('150000')).toBe('Inner Mongolia');
    expect(en('610000')).toBe('Shaanxi');
    expect(en('140000')).toBe('Shanxi');
    expect(en('500000')).toBe('Chongqing'); // 重 read as chong, by word
    expect(en('610100')).toBe("Xi'an");
    expect(en('150100')).toBe('Hohhot');
    expect(en('130131')).toBe('Pingshan County');
    expect(en('222400')).toBe('Yanbian Korean Autonomous Prefecture');
    expect(en('433100')).toBe('Xiangxi Tujia and Miao Autonomous Prefecture');
    expect(en('530925')).toBe('Shuangjiang Lahu, Va, Blang and Dai Autonomous County');
    expect(en('152500')).toBe('Xilinguole League');
    expect(en('150782')).toBe('Yakeshi');
    expect(en('320322')).toBe('Peixian County'); // one syllable keeps its 县
    expect(en('810000')).toBe('Hong Kong');
    expect(en('310112')).toBe('Minhang District');
    // Retired codes too.
    expect(en('110103')).toBe('Chongwen District');
    // Every current division has an ASCII-only English name apart from ü.
    for (const province of regionChildren()) {
      for (const r of [province, ...regionChildren(province.code), ...regionChildren(province.code).flatMap((c) => regionChildren(c.code))]) {
        expect(r.nameEn, r.name).toMatch(/^[A-Z][A-Za-z' ,ü-]+$/);
      }
    }
  });

  it('resolves municipality districts without the 市辖区 level', () => {
    expect(lookupRegion('110105')).toEqual({
      code: '110105',
      name: '朝阳区',
      level: 'district',
      provinceCode: '110000',
      retired: false,
    });
    expect(regionPath('110105').map((r) => r.name)).toEqual(['北京市', '朝阳区']);
    expect(lookupRegion('110100')).toBeNull();
  });

  it('resolves province › city › district', () => {
    expect(lookupRegion('440305')).toEqual({
      code: '440305',
      name: '南山区',
      level: 'district',
      provinceCode: '440000',
      cityCode: '440300',
      retired: false,
    });
    expect(regionPath('440305')).toEqual([
      { code: '440000', name: '广东省', nameEn: 'Guangdong' },
      { code: '440300', name: '深圳市', nameEn: 'Shenzhen' },
      { code: '440305', name: '南山区', nameEn: 'Nanshan District' },
    ]);
    expect(regionPath('320102').map((r) => r.name)).toEqual(['江苏省', '南京市', '玄武区']);
    expect(lookupRegion('440300')).toMatchObject({ level: 'city', name: '深圳市' });
    expect(lookupRegion('440000')).toMatchObject({ level: 'province', name: '广东省' });
  });

  it('skips the 省直辖县级行政区划 grouping code in paths', () => {
    expect(lookupRegion('429004')).toMatchObject({ name: '仙桃市', level: 'district', cityCode: '429000' });
    expect(regionPath('429004').map((r) => r.name)).toEqual(['湖北省', '仙桃市']);
    expect(lookupRegion('659000')?.name).toBe('自治区直辖县级行政区划');
  });

  it('covers all 34 provincial-level units, Hong Kong, Macau and Taiwan included', () => {
    expect(lookupRegion('710000')?.name).toBe('台湾省');
    expect(lookupRegion('810000')?.name).toBe('香港特别行政区');
    expect(lookupRegion('820000')?.name).toBe('澳门特别行政区');
    expect(regionPath('810001').map((r) => r.name)).toEqual(['香港特别行政区', '中西区']);
    const provinces = '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(' ');
    expect(provinces).toHaveLength(34);
    for (const p of provinces) expect(lookupRegion(`${p}0000`)?.level, p).toBe('province');
  });

  it('has a plausible current table with no statistics-only codes', () => {
    const { regions } = JSON.parse(readFileSync(new URL('./data/regions.json', import.meta.url), 'utf8')) as {
      regions: Record<string, string>;
    };
    const codes = Object.keys(regions);
    const levels = codes.map((c) => lookupRegion(c)?.level);
    expect(levels.filter((l) => l === 'province')).toHaveLength(34);
    expect(levels.filter((l) => l === 'city').length).toBeGreaterThan(330);
    expect(levels.filter((l) => l === 'city').length).toBeLessThan(345);
    expect(levels.filter((l) => l === 'district').length).toBeGreaterThan(2800);
    expect(levels.filter((l) => l === 'district').length).toBeLessThan(2900);
    for (const c of codes) {
      expect(lookupRegion(`${c.slice(0, 2)}0000`), c).not.toBeNull();
      const tail = Number(c.slice(4));
      expect(tail >= 71 && tail <= 80, c).toBe(false);
      expect(regions[c], c).not.toBe('市辖区');
    }
    for (const r of RETIRED_REGIONS) expect(regions[r.code], `${r.code} is both current and retired`).toBeUndefined();
  });

  it('keeps retired codes resolvable', () => {
    expect(lookupRegion('110104')).toMatchObject({ name: '宣武区', retired: true, provinceCode: '110000' });
    expect(regionPath('110103').map((r) => r.name)).toEqual(['北京市', '崇文区']);
    expect(lookupRegion('310103')).toMatchObject({ name: '卢湾区', retired: true });
    expect(lookupRegion('310108')).toMatchObject({ name: '闸北区', retired: true });
    expect(regionPath('320103').map((r) => r.name)).toEqual(['江苏省', '南京市', '白下区']);
    expect(lookupRegion('341400')).toMatchObject({ name: '巢湖市', level: 'city', retired: true });
    expect(regionPath('341402').map((r) => r.name)).toEqual(['安徽省', '巢湖市', '居巢区']);
    expect(lookupRegion('340181')).toMatchObject({ name: '巢湖市', retired: false, cityCode: '340100' });
    // A resident ID issued before the merger still resolves.
    const id = parseResidentId(withCheck('11010419800101001'));
    expect(id.ok && lookupRegion(id.regionCode)?.name).toBe('宣武区');
  });

  it('validates codes', () => {
    expect(isValidRegionCode('110105')).toBe(true);
    expect(isValidRegionCode('１１０１０５')).toBe(true);
    expect(isValidRegionCode('110104')).toBe(true);
    expect(isValidRegionCode('110104', { allowRetired: false })).toBe(false);
    expect(isValidRegionCode('110105', { allowRetired: false })).toBe(true);
    for (const bad of ['', '999999', '110199', '11010', '1101050', 'abcdef', '130171']) {
      expect(isValidRegionCode(bad), bad).toBe(false);
      expect(lookupRegion(bad)).toBeNull();
      expect(regionPath(bad)).toEqual([]);
    }
  });
});
