import { describe, expect, it } from 'vitest';
import { resolveRegion, type RegionResolution } from '../../../src/flows/understand/index.js';
import type { Region } from '../../../src/domain/types.js';

const R = (code: string, name: string, level: Region['level'], parentCode: string | null, aliases: string[] = []): Region => ({
  code, name, level, parentCode, aliases,
});

// A small city: two towns share a village name (凉水井村); 高家堡村 shares the short name of 高家堡镇.
const REGIONS: Region[] = [
  R('C', '神木市', 'city', null, ['神木']),
  R('T1', '高家堡镇', 'town', 'C', ['gjb']),
  R('T2', '店塔镇', 'town', 'C', ['dt']),
  R('T3', '永兴街道', 'town', 'C', ['永兴办']),
  R('T4', '高家湾镇', 'town', 'C'),
  R('V11', '凉水井村', 'village', 'T1'),
  R('V12', '高家堡村', 'village', 'T1'),
  R('V21', '凉水井村', 'village', 'T2'),
  R('V22', '石角塔村', 'village', 'T2', ['sjt']),
  R('V31', '西沟社区', 'village', 'T3'),
  R('G111', '凉水井村第一网格', 'grid', 'V11', ['一网格']),
];
// The same city without the village that collides with 高家堡镇's short name.
const PLAIN = REGIONS.filter((r) => r.code !== 'V12');

/** A compact picture of the answer: 'one V11 exact', 'ambiguous V11,V21 alias', 'none T2'. */
function brief(r: RegionResolution): string {
  if (r.kind === 'one') return `one ${r.region.code} ${r.by}`;
  if (r.kind === 'ambiguous') return `ambiguous ${r.candidates.map((c) => c.code).sort().join(',')} ${r.by}`;
  return `none ${r.outOfScope.map((c) => c.code).join(',')}`.trim();
}

describe('resolveRegion', () => {
  it.each([
    ['高家堡镇', REGIONS, 'one T1 exact'],
    ['高家堡镇进度', REGIONS, 'one T1 exact'],
    ['高家堡', PLAIN, 'one T1 alias'],
    ['gjb', REGIONS, 'one T1 alias'],
    ['GJB进度', REGIONS, 'one T1 alias'],
    ['ｇｊｂ', REGIONS, 'one T1 alias'],
    ['永兴', REGIONS, 'one T3 alias'],
    ['永兴办', REGIONS, 'one T3 alias'],
    ['永兴街道进度', REGIONS, 'one T3 exact'],
    ['高家堡镇凉水井村', REGIONS, 'one V11 exact'],
    ['高家堡镇 凉水井', REGIONS, 'one V11 alias'],
    ['店塔镇凉水井村进度', REGIONS, 'one V21 exact'],
    ['店塔 凉水井', REGIONS, 'one V21 alias'],
    ['石角塔', REGIONS, 'one V22 alias'],
    ['sjt', REGIONS, 'one V22 alias'],
    ['西沟', REGIONS, 'one V31 alias'],
    ['西沟社区', REGIONS, 'one V31 exact'],
    ['高家堡村', REGIONS, 'one V12 exact'],
    ['店塔', REGIONS, 'one T2 alias'],
    // never a silent guess
    ['凉水井', REGIONS, 'ambiguous V11,V21 alias'],
    ['凉水井村', REGIONS, 'ambiguous V11,V21 exact'],
    ['高家堡', REGIONS, 'ambiguous T1,V12 alias'],
    ['高家堡和店塔', PLAIN, 'ambiguous T1,T2 alias'],
    // fuzzy only when nothing is named
    ['高家', REGIONS, 'ambiguous T1,T4,V12 prefix'],
    ['石角', REGIONS, 'one V22 prefix'],
    ['角塔', REGIONS, 'one V22 contains'],
    ['店塔镇石角', REGIONS, 'one V22 prefix'],
    ['店塔镇进度', REGIONS, 'one T2 exact'],
    ['高家堡镇 看看', PLAIN, 'one T1 exact'],
    // nothing
    ['北京', REGIONS, 'none'],
    ['gjbx', REGIONS, 'none'],
    ['进度', REGIONS, 'none'],
    ['', REGIONS, 'none'],
  ])('%j → %s', (text, regions, expected) => {
    expect(brief(resolveRegion(text, regions))).toBe(expected);
  });

  it('returns what matched', () => {
    expect(resolveRegion('看看GJB', REGIONS)).toEqual({ kind: 'one', region: REGIONS[1], by: 'alias', matched: 'gjb' });
  });

  it.each([
    ['凉水井', 'T1', 'one V11 alias'],
    ['凉水井', 'T2', 'one V21 alias'],
    ['凉水井', { code: 'T2' }, 'one V21 alias'],
    ['高家堡', 'T1', 'ambiguous T1,V12 alias'],
    ['一网格', 'V11', 'one G111 alias'],
    ['店塔镇进度', 'T1', 'none T2'],
    ['石角塔村', 'T1', 'none V22'],
    ['凉水井村', 'T3', 'none V11,V21'],
    ['北京', 'T1', 'none'],
  ] as const)('%j within %j → %s', (text, scope, expected) => {
    expect(brief(resolveRegion(text, REGIONS, scope))).toBe(expected);
  });

  it.each([
    ['高家堡', ['town'], 'one T1 alias'],
    ['高家堡', ['village'], 'one V12 alias'],
    ['高家堡镇凉水井村', ['town'], 'one T1 exact'],
    ['高家堡镇凉水井村', ['village'], 'one V11 exact'],
    ['凉水井', ['town'], 'none'],
  ] as const)('%j limited to %j → %s', (text, levels, expected) => {
    expect(brief(resolveRegion(text, REGIONS, undefined, { levels }))).toBe(expected);
  });
});

describe('resolveRegion: a place typed by its sound', () => {
  it.each([
    ['凉水进村进度', 'V11'],
    ['亮水井村排查情况', 'V11'],
    ['石脚塔村', 'V22'],
  ])('%s → %s, only when nothing is named exactly or by its start', (text, code) => {
    expect(brief(resolveRegion(text, REGIONS, 'T1' === code.slice(0, 2) ? 'T1' : code.startsWith('V1') ? 'T1' : 'T2'))).toBe(`one ${code} sound`);
  });

  it('several places that sound alike are a choice, and a sound match never beats a name', () => {
    expect(brief(resolveRegion('亮水井村', REGIONS))).toBe('ambiguous V11,V21 sound');
    expect(brief(resolveRegion('凉水井村', REGIONS, 'T1'))).toBe('one V11 exact');
  });

  it('two characters are too few to go by sound', () => {
    expect(brief(resolveRegion('店他', REGIONS))).toBe('none');
  });
});
