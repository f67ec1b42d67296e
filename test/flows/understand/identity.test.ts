import { describe, expect, it } from 'vitest';
import { extractIdNumber, extractIdTail, extractName, extractPhone } from '../../../src/flows/understand/index.js';

// Valid by GB 11643: 610821198001011234, 11010519491231002X, 610821196503150024.
describe('extractIdNumber', () => {
  it.each([
    ['610821198001011234', '610821198001011234', '6108**********1234', '1980-01-01', 'male'],
    ['我的身份证号是11010519491231002X', '11010519491231002X', '1101**********002X', '1949-12-31', 'female'],
    ['身份证：11010519491231002x。', '11010519491231002X', '1101**********002X', '1949-12-31', 'female'],
    ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X', '1101**********002X', '1949-12-31', 'female'],
    ['6108 2119 6503 1500 24', '610821196503150024', '6108**********0024', '1965-03-15', 'female'],
    ['610821-19650315-0024', '610821196503150024', '6108**********0024', '1965-03-15', 'female'],
    ['错的610821198001011235，对的610821196503150024', '610821196503150024', '6108**********0024', '1965-03-15', 'female'],
  ])('%j → %s', (text, value, masked, birth, sex) => {
    expect(extractIdNumber(text)).toEqual({ ok: true, value, masked, birth, sex });
  });

  it.each([
    ['身份证 610821198001011235', 'checksum', '身份证号校验位不对（可能有数字录错）'],
    ['110105194912310021', 'checksum', '身份证号校验位不对（可能有数字录错）'],
    ['610821198002301234', 'birth_date', '身份证号中的出生日期不存在'],
    ['身份证11010519491231002', 'length', '身份证号应为18位'],
    ['6108211980010112345', 'length', '身份证号应为18位'],
    ['身份证号61082119800101', 'length', '身份证号应为18位'],
  ])('%j is reported: %s', (text, reason, message) => {
    expect(extractIdNumber(text)).toMatchObject({ ok: false, reason, message });
  });

  it.each(['电话13812345678', '身份证号忘了，电话13812345678', '我叫张三', '花了30000元', '订单123456789012345', ''])('%j holds no ID number', (text) => {
    expect(extractIdNumber(text)).toBeNull();
  });
});

describe('extractIdTail', () => {
  it.each([
    ['身份证后四位1234', '1234'],
    ['后四位是1234', '1234'],
    ['后4位：0012', '0012'],
    ['尾号123x', '123X'],
    ['尾号 123X', '123X'],
    ['身份证号后六位12345X', '12345X'],
    ['末四位 9876', '9876'],
    ['1234', '1234'],
    ['１２３Ｘ', '123X'],
  ])('%j → %s', (text, tail) => {
    expect(extractIdTail(text)).toBe(tail);
  });

  it.each(['后四位12345', '后四位123', '尾号12X4', '我叫张三', '12345', 'X123'])('%j has no tail', (text) => {
    expect(extractIdTail(text)).toBeNull();
  });
});

describe('extractPhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['电话：+86 138-1234-5678', '13812345678'],
    ['我的电话是 139 1234 5678 谢谢', '13912345678'],
    ['(+86)15012345678', '15012345678'],
    ['0086 186 1234 5678', '18612345678'],
    ['８６１９９１２３４５６７８', '19912345678'],
    ['手机１７７１２３４５６７８', '17712345678'],
    ['身份证610821198001011234 电话13812345678', '13812345678'],
  ])('%j → %s', (text, value) => {
    expect(extractPhone(text)).toEqual({ ok: true, value, masked: `${value.slice(0, 3)}****${value.slice(-4)}` });
  });

  it.each([
    ['手机1381234567', '手机号应为11位，“138***4567”是10位，请再核对一下'],
    ['电话 138123456789', '手机号应为11位，“138*****6789”是12位，请再核对一下'],
  ])('%j is reported as the wrong length', (text, message) => {
    expect(extractPhone(text)).toEqual({ ok: false, reason: 'length', message });
  });

  it.each(['610821198001011234', '12345678901', '1381234567', '座机0912-8331266', '花了13000元', ''])('%j holds no mobile', (text) => {
    expect(extractPhone(text)).toBeNull();
  });
});

describe('extractName', () => {
  it.each([
    ['我叫张三', '张三', 'self'],
    ['你好，我是王秀兰', '王秀兰', 'self'],
    ['我是贺建军，家住凉水井村', '贺建军', 'self'],
    ['俺叫高二娃', '高二娃', 'self'],
    ['我的名字是李来福', '李来福', 'self'],
    ['我叫张三申报一下', '张三', 'self'],
    ['我姓张，叫张三', '张三', 'self'],
    ['户主李四，3口人', '李四', 'head'],
    ['户主是欧阳秀兰', '欧阳秀兰', 'head'],
    ['户主：折建平', '折建平', 'head'],
    ['我是凉水井村的，户主张三', '张三', 'head'],
    ['姓名：张三', '张三', 'unknown'],
    ['张三', '张三', 'unknown'],
    ['王秀兰。', '王秀兰', 'unknown'],
  ] as const)('%j → %s (%s)', (text, name, who) => {
    expect(extractName(text)).toEqual({ name, who });
  });

  it.each(['我是网格员', '我是高家堡镇的', '我是来申报的', '我是张三的儿子', '我是低保户', '我想申报', '您好', '房子漏雨', '王秀兰今年58岁', ''])(
    '%j names nobody',
    (text) => {
      expect(extractName(text)).toBeNull();
    },
  );
});
