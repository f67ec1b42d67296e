import { describe, expect, it } from 'vitest';
import { extractName, headNamedFirst, placeWords } from '../../../src/flows/understand/names.js';
import { nameSlip, soundsAlike, looksLikeSlip } from '../../../src/flows/understand/name-sounds.js';

const PLACES = ['石门村', '高家堡镇', '马家沟村', '凉水井村'];

describe('extractName', () => {
  it('accepts names with ordinary characters (有, 在, 是, 和) — typed alone or after 我叫', () => {
    expect(extractName('马有福')).toEqual({ name: '马有福', who: 'unknown' });
    expect(extractName('刘有才')).toEqual({ name: '刘有才', who: 'unknown' });
    expect(extractName('王在田')?.name).toBe('王在田');
    expect(extractName('我叫李和平')).toEqual({ name: '李和平', who: 'self' });
    expect(extractName('俺叫贺是成，身份证尾号1234')).toEqual({ name: '贺是成', who: 'self' });
    expect(extractName('我叫马有福今年六十了')?.name).toBe('马有福');
  });

  it('still ends a name where a phrase begins', () => {
    expect(extractName('我是张三的儿子')).toBeNull();
    expect(extractName('我是张三在村里住')?.name).toBe('张三');
    expect(extractName('户主李四，3口人')).toEqual({ name: '李四', who: 'head' });
    expect(extractName('我是网格员')).toBeNull();
    expect(extractName('张三的')).toBeNull();
  });

  it('never takes a place of the region tree for a person', () => {
    expect(extractName('石门', { places: PLACES })).toBeNull();
    expect(extractName('高家堡', { places: PLACES })).toBeNull();
    expect(extractName('马家沟', { places: PLACES })).toBeNull();
    expect(extractName('我是马家沟的', { places: PLACES })).toBeNull();
    // Without the tree the same word looks like a name: the places are what decide.
    expect(extractName('石门')?.name).toBe('石门');
    expect(placeWords(['石门村', '高家堡镇'])).toEqual(new Set(['石门村', '石门', '高家堡镇', '高家堡']));
  });
});

describe('sound-alike names', () => {
  it('same sound with another character, and the near sounds of the north (zh/z, ch/c, sh/s, n/l, in/ing, en/eng)', () => {
    expect(soundsAlike('张晶', '张静')).toBe(true);
    expect(soundsAlike('马有富', '马有福')).toBe(true);
    expect(soundsAlike('程兰', '陈兰')).toBe(true);
    expect(soundsAlike('高志民', '高志明')).toBe(true);
    expect(soundsAlike('赵兰', '赵南')).toBe(true);
    expect(soundsAlike('张三', '李四')).toBe(false);
    expect(soundsAlike('张静', '张静')).toBe(false);
  });

  it('one character slipped in a name of three, the surname kept', () => {
    expect(nameSlip('马有禄', '马有福')).toBe(true);
    expect(nameSlip('刘有才', '马有才')).toBe(false);
    expect(nameSlip('张三', '张四')).toBe(false);
    expect(looksLikeSlip('霍金善', '霍金山')).toBe(true);
  });
});

describe('headNamedFirst: the household a message starts with', () => {
  it.each([
    ['冯文斌家那个线索到哪一步了', '家|户|的', '冯文斌'],
    ['石秀英那户审核通过', '那户|家', '石秀英'],
    ['王五的线索咋处理', '家|户|的', '王五'],
    ['村里大家都同意 纳入', '家|户', null],
    ['会上定了 纳入', '家|户|的', null],
    ['冯文斌研判了', '家|户', null],
  ])('%s (%s) → %s', (text, tails, name) => {
    expect(headNamedFirst(text, tails)).toBe(name);
  });
});
