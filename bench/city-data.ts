/**
 * A synthetic city for the 附件1 benchmark (bench/scale-city.ts), deterministic: the same shape and
 * seed give the same records, id for id. Villages are generated one at a time (nothing of the whole
 * city is held in memory) and written by the bulk path below.
 *
 * What a village holds, loosely after a real 集中排查 (campaign 2022, window 2022-04-25 … report day):
 * - households of 1–5 people (the total is exact: `people` of the shape), ~30 % 脱贫户, some 低保,
 *   ~1 % with a member who has left (not counted as people);
 * - screenings of most households in the window (附件2 for key groups, 附件3 otherwise), some twice
 *   by another screener, some only before the window, after the report day or in the 2021 campaign;
 *   screeners are the village's grid workers and cadres, and town officials who screen in two villages;
 * - monitoring subjects (~1.5 % of households, all three categories, some because of the epidemic),
 *   moved through the domain's own rules: 风险消除, 回退 after a 回头看, 清退 requests (approved,
 *   pending or rejected), 重新识别 as a second episode; 回头看 (附件4) and 跟进 (附件5) records;
 * - problems (some rectified, some with data corrected), deployments (some withdrawn) and
 *   培训人数 reports per village.
 *
 * The bulk path: multi-row INSERTs with explicit ids, one transaction per village, holding exactly
 * the column values the repositories store (`householdValues`/`memberValues` of household-writes.ts,
 * `columns()` of screenings.ts, subjects.ts and problems.ts; simple-json as JSON text, booleans as
 * 0/1, `version` counting the saved changes). Regions, the campaign configuration and the villages'
 * activity reports go through the product's own writes (`saveRegions`, `saveCampaign`,
 * `recordActivity`). Not generated: history rows of the bulk tables and risk leads (附件1 reads
 * neither). test/bench/city-bulk.test.ts proves the bulk rows read back as the generated records.
 */
import { KEY_GROUP, type Category, type KeyGroup, type RiskType } from '../src/domain/catalog.js';
import { unwrap } from '../src/domain/case-faults.js';
import { addDays, dayOf, instantOf } from '../src/domain/calendar.js';
import { DEFAULT_CAMPAIGN_2022 } from '../src/domain/campaign.js';
import type { ActivityKind } from '../src/domain/campaign-activity.js';
import { idCheckChar } from '../src/domain/id-number.js';
import { openProblem, rectifyProblem, type Problem } from '../src/domain/problem.js';
import { leadOriginFromScreening, type ScreeningRecord } from '../src/domain/screening.js';
import { approveWithdrawal, DEFAULT_SUBJECT_CONFIG, eliminateSubject, rejectWithdrawal, requestWithdrawal, revertSubject, type Subject } from '../src/domain/subject.js';
import type { Day } from '../src/domain/shanghai-days.js';
import type { Household, Member, Placement, Region } from '../src/domain/types.js';
import { recordActivity } from '../src/persistence/activities.js';
import { saveCampaign } from '../src/persistence/campaigns.js';
import { transaction, type Database, type Tx } from '../src/persistence/db.js';
import { saveRegions } from '../src/persistence/regions.js';
import { rebuildRegisterCounts } from '../src/persistence/register-counts.js';
import { keepScreenedWindow } from '../src/persistence/screened-households.js';
import { em } from '../src/persistence/orm.js';
import { rng } from './common.js';

export interface CityShape {
  towns: number;
  villagesPerTown: number;
  gridsPerVillage: number;
  households: number;
  /** People still in their households, in all (default: 3.000068 per household, as the reference city). */
  people?: number;
  seed?: number;
  /** Share of households with a monitoring subject (default 0.015, about 15,000 in a million). */
  subjectShare?: number;
}

export const CITY_CODE = '610821';
export const CAMPAIGN = DEFAULT_CAMPAIGN_2022;
/** The report day of the benchmark (a Friday, the weekly report day) and the window it gives. */
export const REPORT_DAY: Day = '2022-05-27';
export const WINDOW = { from: '2022-04-25', to: REPORT_DAY } as const;
const LAST_CAMPAIGN_DAY: Day = CAMPAIGN.milestones.screening;

export const townCode = (t: number): string => `${CITY_CODE}${String(101 + t)}`;
export const villageCode = (t: number, v: number): string => `${townCode(t)}${String(201 + v)}`;
export const gridCode = (t: number, v: number, g: number): string => `${villageCode(t, v)}-${String(g + 1).padStart(2, '0')}`;

export const peopleOf = (shape: CityShape): number => shape.people ?? Math.round(shape.households * 3.000068);

/** The region tree of the shape: 市 → 镇 → 村 → 网格. */
export function cityRegions(shape: CityShape): Region[] {
  const out: Region[] = [{ code: CITY_CODE, name: '神木市', level: 'city', parentCode: null, aliases: [] }];
  for (let t = 0; t < shape.towns; t++) {
    out.push({ code: townCode(t), name: `第${t + 1}镇`, level: 'town', parentCode: CITY_CODE, aliases: [] });
    for (let v = 0; v < shape.villagesPerTown; v++) {
      out.push({ code: villageCode(t, v), name: `第${t + 1}镇${v + 1}村`, level: 'village', parentCode: townCode(t), aliases: [] });
      for (let g = 0; g < shape.gridsPerVillage; g++) out.push({ code: gridCode(t, v, g), name: `${t + 1}镇${v + 1}村${g + 1}网格`, level: 'grid', parentCode: villageCode(t, v), aliases: [] });
    }
  }
  return out;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国志红';

/** A household as generated: the register's fields with its ids. */
export interface GenHousehold extends Household {
  /** Member row ids, in `members` order. */
  memberRowIds: number[];
}
export type GenScreening = ScreeningRecord & { id: number; day: Day };
/** A problem with the instant it was opened (its `created_at`; `foundOn` is that instant's day). */
export type GenProblem = Problem & { openedAt: number };
export interface GenActivity {
  kind: ActivityKind;
  day: Day;
  people: number | null;
  by: string;
  at: number;
}
export interface VillageData {
  placement: Omit<Placement, 'gridCode'>;
  households: GenHousehold[];
  screenings: GenScreening[];
  subjects: Subject[];
  problems: GenProblem[];
  activities: GenActivity[];
}

/** Ids handed out across the city, in generation order. */
interface Counters {
  household: number;
  member: number;
  person: number;
  screening: number;
  subject: number;
  problem: number;
  peopleLeft: number;
}

// Instants at a time of day: the day's midnight in the process zone (cached), plus 08:00–17:59.
const midnights = new Map<Day, number>();
const at = (day: Day, rand: () => number): number => {
  let m = midnights.get(day);
  if (m === undefined) midnights.set(day, (m = instantOf(day, '00:00')));
  return m + (8 * 60 + Math.floor(rand() * 600)) * 60_000;
};
const ranges = new Map<string, Day[]>();
const dayBetween = (from: Day, to: Day, rand: () => number): Day => {
  let days = ranges.get(`${from}|${to}`);
  if (!days) {
    days = [];
    for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
    ranges.set(`${from}|${to}`, days);
  }
  return days[Math.floor(rand() * days.length)] as Day;
};
const pick = <T>(xs: readonly T[], rand: () => number): T => xs[Math.floor(rand() * xs.length)] as T;

/** A valid, unique ID number per person index, increasing with it (so the unique index fills in order). */
const births = new Map<number, string>();
export function idNumberOf(person: number): string {
  const k = Math.floor(person / 1000);
  let birth = births.get(k);
  if (birth === undefined) births.set(k, (birth = new Date(Date.UTC(1935, 0, 1) + k * 10 * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')));
  const first17 = `${CITY_CODE}${birth}${String(person % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** The generator: call `village(t, v)` for every village in order (town by town). */
export class CityGenerator {
  readonly people: number;
  readonly villages: number;
  private readonly n: Counters = { household: 0, member: 0, person: 0, screening: 0, subject: 0, problem: 0, peopleLeft: 0 };
  private placedPeople = 0;
  private placedHouseholds = 0;

  constructor(readonly shape: CityShape) {
    this.people = peopleOf(shape);
    this.villages = shape.towns * shape.villagesPerTown;
    if (this.people < shape.households || this.people > 5 * shape.households) throw new Error('people must be 1–5 per household');
  }

  /** How many households the village of index `i` (0-based over the city) has. */
  private householdsOf(i: number): number {
    return Math.floor(((i + 1) * this.shape.households) / this.villages) - Math.floor((i * this.shape.households) / this.villages);
  }

  /** A size near the running target, so that the city's total is exactly `people`. */
  private nextSize(rand: () => number): number {
    const left = this.shape.households - this.placedHouseholds;
    const remaining = this.people - this.placedPeople;
    if (left === 1) return remaining;
    const target = remaining / left;
    const lo = Math.max(1, Math.ceil(remaining - 5 * (left - 1)), Math.floor(target) - 1);
    const hi = Math.min(5, remaining - (left - 1), Math.ceil(target) + 1);
    const r = 1 + Math.floor(rand() * 5);
    return Math.min(hi, Math.max(lo, r));
  }

  village(t: number, v: number): VillageData {
    const index = t * this.shape.villagesPerTown + v;
    const rand = rng(((this.shape.seed ?? 20220425) ^ Math.imul(index + 1, 2654435761)) >>> 0);
    const placement = { cityCode: CITY_CODE, townCode: townCode(t), villageCode: villageCode(t, v) };
    const grids = Array.from({ length: this.shape.gridsPerVillage }, (_, g) => gridCode(t, v, g));
    const gridWorkers = grids.map((g) => `wg${g.replace('-', '')}`);
    const cadres = [`cg${placement.villageCode}1`, `cg${placement.villageCode}2`];
    // Town officials screen in two neighbouring villages (one person, counted once above the village).
    const townOfficials = [`zf${placement.townCode}${Math.floor(v / 2)}`, `zf${placement.townCode}${Math.floor((v + 1) / 2) + 50}`];
    const screeners = [...gridWorkers, ...gridWorkers, ...cadres, ...townOfficials];
    const data: VillageData = { placement, households: [], screenings: [], subjects: [], problems: [], activities: [] };

    for (let k = this.householdsOf(index); k > 0; k--) data.households.push(this.household(placement, grids, gridWorkers, rand));
    for (const h of data.households) this.screen(h, screeners, cadres, rand, data);
    for (const h of data.households) if (rand() < (this.shape.subjectShare ?? 0.015)) this.subjectsOf(h, cadres, rand, data);
    data.screenings.sort((a, b) => a.at - b.at);
    for (const s of data.screenings) s.id = ++this.n.screening;
    this.problems(placement, cadres, rand, data);
    this.activities(cadres[0] as string, rand, data);
    return data;
  }

  private household(placement: VillageData['placement'], grids: string[], workers: string[], rand: () => number): GenHousehold {
    const size = this.nextSize(rand);
    this.placedHouseholds++;
    this.placedPeople += size;
    const id = ++this.n.household;
    const alleviated = rand() < 0.3;
    const dibao = rand() < 0.06;
    const g = Math.floor(rand() * grids.length);
    const surname = pick([...SURNAMES], rand);
    const name = () => surname + pick([...GIVEN], rand) + (rand() < 0.5 ? pick([...GIVEN], rand) : '');
    const members: Member[] = [];
    const relations = ['配偶', '之子', '之女', '之孙子', '之孙女', '之母'];
    for (let m = 0; m < size; m++) {
      members.push({
        idNumber: idNumberOf(this.n.person++),
        name: name(),
        relation: m === 0 ? '户主' : pick(relations, rand),
        labour: pick(['normal', 'normal', 'normal', 'weak', 'none'] as const, rand),
        health: pick(['healthy', 'healthy', 'healthy', 'chronic_illness', 'serious_illness', 'disabled'] as const, rand),
        schooling: 'none',
        phone: m === 0 ? `138${String(id % 100_000_000).padStart(8, '0')}` : null,
        left: null,
      });
    }
    if (rand() < 0.01) {
      members.push({ idNumber: idNumberOf(this.n.person++), name: name(), relation: '之父', labour: 'none', health: 'serious_illness', schooling: 'none', phone: null, left: { on: '2021-11-03', reason: '死亡' } });
      this.n.peopleLeft++;
    }
    const groups: KeyGroup[] = [];
    if (alleviated) groups.push('kg1_alleviated');
    if (dibao) groups.push('kg4_dibao');
    if (rand() < 0.04) groups.push('kg7_migrant_income');
    if (rand() < 0.02) groups.push('kg8_covid');
    return {
      id,
      code: `H${placement.villageCode}${String(id).padStart(7, '0')}`,
      headName: (members[0] as Member).name,
      placement: { ...placement, gridCode: grids[g] as string },
      type: alleviated ? 'alleviated' : 'general',
      alleviationYear: alleviated ? 2014 + Math.floor(rand() * 7) : null,
      dibao,
      tekun: false,
      keyGroups: KEY_GROUP.codes.filter((c) => groups.includes(c)),
      phone: (members[0] as Member).phone,
      contactStaff: workers[g] as string,
      members,
      memberRowIds: members.map(() => ++this.n.member),
    };
  }

  private record(h: GenHousehold, screener: string, day: Day, campaign: string, rand: () => number): GenScreening {
    const when = at(day, rand);
    const base = { campaign, householdId: h.id, placement: h.placement, screener, at: when, remark: '', id: 0, day };
    if (h.keyGroups.length > 0) {
      const verdict = rand() < 0.7 ? (rand() < 0.03 ? ('propose_include' as const) : ('not_include' as const)) : null;
      const family = { income: '务工、种植', annualIncomeYuan: 20_000 + Math.floor(rand() * 40_000), schooling: '', schoolingCostYuan: null, illness: '', illnessCostYuan: null, disaster: '', disasterLossYuan: null };
      return { ...base, form: 'key_group', answers: { groups: h.keyGroups, family, verdict, riskFound: false, riskDetails: null } };
    }
    const risk = rand() < 0.01;
    return { ...base, form: 'general', answers: { method: pick(['home_visit', 'home_visit', 'home_visit', 'phone', 'wechat'] as const, rand), riskFound: risk, riskDetails: risk ? '户主务工中断，收入明显减少' : null, knowsPolicy: rand() < 0.95 } };
  }

  private screen(h: GenHousehold, screeners: string[], cadres: string[], rand: () => number, data: VillageData): void {
    const who = () => pick(screeners, rand);
    const r = rand();
    if (r < 0.9) {
      const first = who();
      data.screenings.push(this.record(h, first, dayBetween(WINDOW.from, WINDOW.to, rand), String(CAMPAIGN.year), rand));
      if (rand() < 0.08) {
        const second = pick(cadres, rand);
        data.screenings.push(this.record(h, second === first ? (cadres[1] as string) : second, dayBetween(WINDOW.from, LAST_CAMPAIGN_DAY, rand), String(CAMPAIGN.year), rand));
      }
    } else if (r < 0.93) {
      // Screened only after the report day (in the campaign, outside the window).
      data.screenings.push(this.record(h, who(), dayBetween(addDays(WINDOW.to, 1), LAST_CAMPAIGN_DAY, rand), String(CAMPAIGN.year), rand));
    } else if (r < 0.94) {
      // A pilot visit before the window.
      data.screenings.push(this.record(h, who(), dayBetween('2022-04-18', '2022-04-24', rand), String(CAMPAIGN.year), rand));
    }
    if (rand() < 0.05) data.screenings.push(this.record(h, who(), dayBetween('2021-05-06', '2021-05-28', rand), String(CAMPAIGN.year - 1), rand));
  }

  private subjectsOf(h: GenHousehold, cadres: string[], rand: () => number, data: VillageData): void {
    const cadre = pick(cadres, rand);
    const active = h.members.filter((m) => !m.left).map((m) => m.idNumber);
    const category: Category = h.type === 'alleviated' ? (rand() < 0.85 ? 'unstable_alleviated' : 'sudden_hardship') : rand() < 0.7 ? 'marginal' : 'sudden_hardship';
    const risk: RiskType = pick(['illness', 'disability', 'schooling', 'accident', 'unstable_employment', 'lack_of_labour'] as const, rand);
    const recent = rand() < 0.12;
    const includedOn = recent ? dayBetween(WINDOW.from, LAST_CAMPAIGN_DAY, rand) : dayBetween('2020-03-01', '2021-09-30', rand);
    const includedAt = at(includedOn, rand);
    const epidemic = rand() < (recent ? 0.25 : 0.05);
    let s: Subject = {
      id: ++this.n.subject,
      householdId: h.id,
      leadId: null,
      episode: 1,
      previousSubjectId: null,
      category,
      includedOn,
      status: 'open',
      memberIds: active,
      risks: [{ type: risk, remark: null, disasterSubtype: null }],
      measures: [{ measure: risk === 'illness' ? 'health' : 'employment', status: 'done' }],
      elimination: null,
      withdrawal: null,
      epidemic,
      events: [{ kind: 'include', actor: cadre, at: includedAt, day: dayOf(includedAt), reason: '纳入（线索）', note: '' }],
    };
    const facts = { wholeHouseholdNoLabour: false, perCapitaIncome: 9000, incomeLine: 6700, threeGuaranteesSecured: true, drinkingWaterSafe: true, risksRemaining: [] };
    const town = `zf${h.placement.townCode}0`;
    const city = `sj${CITY_CODE}`;
    let secondEpisode = false;
    const elimFrom = addDays(includedOn, 185);
    const elimTo = addDays(includedOn, 310) < '2022-04-20' ? addDays(includedOn, 310) : '2022-04-20';
    if (!recent && elimFrom <= elimTo && rand() < 0.55) {
      const elimAt = at(dayBetween(elimFrom, elimTo, rand), rand);
      s = unwrap(eliminateSubject(s, { mode: 'assisted', cause: null, actor: cadre, at: elimAt, note: '' }, facts, DEFAULT_SUBJECT_CONFIG));
      const review = rand() < 0.6;
      if (review) {
        const unstable = rand() < 0.12;
        const day = dayBetween(WINDOW.from, unstable ? WINDOW.to : LAST_CAMPAIGN_DAY, rand);
        const rec = this.reviewRecord(h, s, cadre, day, !unstable, rand);
        data.screenings.push(rec);
        if (unstable) s = unwrap(revertSubject(s, { reason: 'unstable', actor: cadre, at: rec.at + 3_600_000, note: '回头看发现收入不稳定' }, []));
      }
      secondEpisode = s.status === 'eliminated' && rand() < 0.04;
    } else if (rand() < 0.5) {
      const from = addDays(includedOn, 1) > WINDOW.from ? addDays(includedOn, 1) : WINDOW.from;
      if (from <= LAST_CAMPAIGN_DAY) data.screenings.push(this.followUp(h, s, cadre, dayBetween(from, LAST_CAMPAIGN_DAY, rand), rand));
    }
    if (!secondEpisode && rand() < 0.06) {
      const requestedOn = rand() < 0.8 ? dayBetween(WINDOW.from, LAST_CAMPAIGN_DAY, rand) : dayBetween('2021-10-01', '2022-04-20', rand);
      const after = Math.max(s.events.at(-1)?.at ?? 0, at(requestedOn, rand));
      s = unwrap(requestWithdrawal(s, { reason: pick(['data_mismatch', 'duplicate', 'favouritism'] as const, rand), note: '', requestedOn, actor: cadre, at: after }));
      const fate = rand();
      if (fate < 0.25) s = unwrap(rejectWithdrawal(s, { actor: town, at: after + 86_400_000, reason: '情况属实，不予清退' }));
      else if (fate < 0.85) {
        s = unwrap(approveWithdrawal(s, 'town', { actor: town, at: after + 86_400_000, note: '' }));
        if (fate < 0.65) s = unwrap(approveWithdrawal(s, 'city', { actor: city, at: after + 2 * 86_400_000, note: '' }));
      }
    }
    data.subjects.push(s);
    if (secondEpisode) {
      const again = dayBetween(WINDOW.from, LAST_CAMPAIGN_DAY, rand);
      const againAt = Math.max(at(again, rand), (s.events.at(-1)?.at ?? 0) + 60_000);
      data.subjects.push({
        ...s,
        id: ++this.n.subject,
        episode: 2,
        previousSubjectId: s.id,
        category: 'sudden_hardship',
        includedOn: dayOf(againAt),
        status: 'open',
        elimination: null,
        withdrawal: null,
        epidemic: rand() < 0.2,
        events: [{ kind: 'include', actor: cadre, at: againAt, day: dayOf(againAt), reason: '重新识别（线索）', note: '' }],
      });
    }
  }

  private reviewRecord(h: GenHousehold, s: Subject, screener: string, day: Day, stable: boolean, rand: () => number): GenScreening {
    const when = at(day, rand);
    return {
      form: 'review', campaign: String(CAMPAIGN.year), householdId: h.id, placement: h.placement, screener, at: when, remark: '', id: 0, day: dayOf(when),
      answers: { subjectId: s.id as number, category: s.category, incomeStable: stable, measuresImplemented: true, guaranteesStable: true, eliminationStable: stable, needsRelabel: false, relabelNote: null, needsWithdrawal: false },
    };
  }

  private followUp(h: GenHousehold, s: Subject, screener: string, day: Day, rand: () => number): GenScreening {
    const when = at(day, rand);
    return {
      form: 'follow_up', campaign: String(CAMPAIGN.year), householdId: h.id, placement: h.placement, screener, at: when, remark: '', id: 0, day: dayOf(when),
      answers: { subjectId: s.id as number, includedOn: s.includedOn, risks: s.risks.map((r) => r.type), measuresInPlace: s.measures.map((m) => m.measure), assistanceImplemented: true, meetsEliminationStandard: rand() < 0.2 },
    };
  }

  private problems(placement: VillageData['placement'], cadres: string[], rand: () => number, data: VillageData): void {
    const count = 15 + Math.floor(rand() * 30);
    for (let i = 0; i < count; i++) {
      const h = pick(data.households, rand);
      const found = at(dayBetween('2022-04-20', LAST_CAMPAIGN_DAY, rand), rand);
      let p = unwrap(
        openProblem({
          category: pick(['data_quality', 'data_quality', 'policy_implementation', 'basic_needs', 'grid_management'] as const, rand),
          placement: { ...placement, gridCode: h.placement.gridCode }, householdId: h.id, description: '家庭人口信息与户籍不一致', responsible: pick(cadres, rand),
          measure: '核实后补正', deadline: addDays(dayOf(found), 10), foundBy: `zf${placement.townCode}0`, at: found, source: 'manual', findingKey: null,
        }),
      );
      if (rand() < 0.6) p = unwrap(rectifyProblem(p, { what: '已核实补正', by: p.responsible, at: found + Math.floor(rand() * 9) * 86_400_000, dataCorrected: rand() < 0.4 }));
      data.problems.push({ ...p, id: ++this.n.problem, openedAt: found });
    }
  }

  private activities(cadre: string, rand: () => number, data: VillageData): void {
    const report = (kind: ActivityKind, day: Day, people: number | null) => data.activities.push({ kind, day, people, by: cadre, at: at(day, rand) });
    const r = rand();
    if (r < 0.92) {
      const day = dayBetween('2022-04-26', '2022-05-10', rand);
      report('deployment', day, null);
      if (rand() < 0.03) {
        report('deployment_void', addDays(day, 1), null);
        if (rand() < 0.5) report('deployment', addDays(day, 3), null);
      }
    } else if (r < 0.95) report('deployment', dayBetween(addDays(WINDOW.to, 1), LAST_CAMPAIGN_DAY, rand), null);
    let trained = 0;
    for (const day of ['2022-04-29', '2022-05-13', '2022-05-30']) {
      if (rand() < 0.7) {
        trained += 5 + Math.floor(rand() * 30);
        report('training', day, trained);
      }
    }
    data.activities.sort((a, b) => a.at - b.at);
  }
}

// ── rows, as the repositories store them ─────────────────────────────────────────────────────

const bool = (b: boolean | undefined): number => (b ? 1 : 0);
const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));
const place = (p: Placement): unknown[] => [p.cityCode, p.townCode, p.villageCode, p.gridCode];

export const TABLES = {
  households: ['id', 'code', 'head_name', 'city_code', 'town_code', 'village_code', 'grid_code', 'type', 'alleviation_year', 'dibao', 'tekun', 'key_groups', 'phone', 'contact_staff', 'people', 'created_at', 'updated_at'],
  members: ['id', 'household_id', 'id_number', 'name', 'relation', 'labour', 'health', 'schooling', 'phone', 'left_on', 'left_reason', 'created_at', 'updated_at'],
  screening_record: ['id', 'form', 'campaign', 'household_id', 'subject_id', 'city_code', 'town_code', 'village_code', 'grid_code', 'screener', 'at', 'day', 'risk_found', 'answers', 'remark', 'version', 'created_at', 'updated_at'],
  monitoring_subject: ['id', 'household_id', 'lead_id', 'episode', 'previous_subject_id', 'category', 'included_on', 'status', 'city_code', 'town_code', 'village_code', 'grid_code', 'risks', 'measures', 'elimination', 'withdrawal', 'member_ids', 'epidemic', 'version', 'created_at', 'updated_at'],
  subject_event: ['subject_id', 'seq', 'kind', 'actor', 'at', 'day', 'reason', 'note'],
  subject_member: ['subject_id', 'id_number', 'open_key'],
  problem: ['id', 'category', 'city_code', 'town_code', 'village_code', 'grid_code', 'household_id', 'description', 'responsible', 'measure', 'deadline', 'status', 'found_on', 'found_by', 'source', 'finding_key', 'open_finding_key', 'rectification', 'version', 'created_at', 'updated_at'],
} as const;
export type Table = keyof typeof TABLES;

/** When the register was imported (households and members carry it as created_at/updated_at). */
export const IMPORTED_AT = instantOf('2022-04-20', '09:00');

export function villageRows(d: VillageData): Record<Table, unknown[][]> {
  const rows: Record<Table, unknown[][]> = { households: [], members: [], screening_record: [], monitoring_subject: [], subject_event: [], subject_member: [], problem: [] };
  for (const h of d.households) {
    rows.households.push([h.id, h.code, h.headName, ...place(h.placement), h.type, h.alleviationYear, bool(h.dibao), bool(h.tekun), JSON.stringify(h.keyGroups), h.phone, h.contactStaff, h.members.filter((m) => !m.left).length, IMPORTED_AT, IMPORTED_AT]);
    h.members.forEach((m, i) => rows.members.push([h.memberRowIds[i], h.id, m.idNumber, m.name, m.relation, m.labour, m.health, m.schooling, m.phone, m.left?.on ?? null, m.left?.reason ?? null, IMPORTED_AT, IMPORTED_AT]));
  }
  for (const s of d.screenings) {
    const subjectId = s.form === 'review' || s.form === 'follow_up' ? s.answers.subjectId : null;
    rows.screening_record.push([s.id, s.form, s.campaign, s.householdId, subjectId, ...place(s.placement), s.screener, s.at, s.day, bool(leadOriginFromScreening(s) !== null), JSON.stringify(s.answers), s.remark, 1, s.at, s.at]);
  }
  const byId = new Map(d.households.map((h) => [h.id, h]));
  for (const s of d.subjects) {
    const h = byId.get(s.householdId) as GenHousehold;
    const first = s.events[0]?.at as number;
    const last = s.events.at(-1)?.at as number;
    // One saved version per change: inclusion, then one per later event.
    rows.monitoring_subject.push([s.id, s.householdId, s.leadId, s.episode, s.previousSubjectId, s.category, s.includedOn, s.status, ...place(h.placement), json(s.risks), json(s.measures), json(s.elimination), json(s.withdrawal), json(s.memberIds), bool(s.epidemic), s.events.length, first, last]);
    s.events.forEach((e, seq) => rows.subject_event.push([s.id, seq, e.kind, e.actor, e.at, e.day, e.reason, e.note]));
    for (const idNumber of new Set(s.memberIds)) rows.subject_member.push([s.id, idNumber, s.status === 'open' ? idNumber : null]);
  }
  for (const { openedAt, ...p } of d.problems) {
    rows.problem.push([p.id, p.category, ...place(p.placement), p.householdId, p.description, p.responsible, p.measure, p.deadline, p.status, p.foundOn, p.foundBy, p.source, p.findingKey, p.status === 'open' ? p.findingKey : null, json(p.rectification), p.rectification ? 2 : 1, openedAt, p.rectification?.at ?? openedAt]);
  }
  return rows;
}

/** Multi-row INSERT of `rows` (each in `TABLES[table]` order), `perStatement` rows at a time. */
export async function insertRows(tx: Tx, table: Table, rows: unknown[][], perStatement: number): Promise<void> {
  const cols = TABLES[table];
  const per = Math.max(1, Math.min(perStatement, Math.floor(30_000 / cols.length)));
  const tuple = `(${cols.map(() => '?').join(',')})`;
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    await em(tx).query(`INSERT INTO \`${table}\` (${cols.map((c) => `\`${c}\``).join(',')}) VALUES ${chunk.map(() => tuple).join(',')}`, chunk.flat());
  }
}

export interface WriteStats {
  rows: Record<Table | 'campaign_activity' | 'regions', number>;
  seconds: number;
}

/**
 * Writes the whole city into a migrated, empty database: regions and the campaign through the
 * product, then each village (its activity reports through `recordActivity`, the rest in bulk) in
 * its own transaction. `onVillage` sees each village's data before it is written (tests keep it).
 */
export async function writeCity(db: Database, shape: CityShape, opts: { perStatement?: number; onVillage?: (d: VillageData) => void; progress?: (done: number, total: number) => void } = {}): Promise<WriteStats> {
  const t0 = performance.now();
  const meta = { actor: 'bench', at: IMPORTED_AT, reason: '基准测试城市' };
  const regions = cityRegions(shape);
  await transaction(db, async (tx) => {
    await saveRegions(tx, regions, meta);
    await saveCampaign(tx, CAMPAIGN, meta);
  });
  const gen = new CityGenerator(shape);
  const stats: WriteStats = { rows: { households: 0, members: 0, screening_record: 0, monitoring_subject: 0, subject_event: 0, subject_member: 0, problem: 0, campaign_activity: 0, regions: regions.length }, seconds: 0 };
  for (let t = 0; t < shape.towns; t++) {
    for (let v = 0; v < shape.villagesPerTown; v++) {
      const d = gen.village(t, v);
      opts.onVillage?.(d);
      const rows = villageRows(d);
      await transaction(db, async (tx) => {
        for (const table of Object.keys(TABLES) as Table[]) {
          await insertRows(tx, table, rows[table], opts.perStatement ?? 1000);
          stats.rows[table] += rows[table].length;
        }
        for (const a of d.activities) {
          await recordActivity(tx, { campaign: String(CAMPAIGN.year), kind: a.kind, placement: d.placement, day: a.day, people: a.people, by: a.by, at: a.at, inboundId: null });
          stats.rows.campaign_activity++;
        }
      });
      opts.progress?.(t * shape.villagesPerTown + v + 1, gen.villages);
    }
  }
  // The rows written in bulk bypass the writes that keep the register's counters
  // (src/persistence/register-counts.ts) and the screened households of the window
  // (src/persistence/screened-households.ts): both are built once, from everything written.
  await transaction(db, rebuildRegisterCounts);
  await transaction(db, (tx) => keepScreenedWindow(tx, String(CAMPAIGN.year), WINDOW.from));
  stats.seconds = (performance.now() - t0) / 1000;
  return stats;
}
