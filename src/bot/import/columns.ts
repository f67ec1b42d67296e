/**
 * The columns of each import file, as a county office names them: the header of the template,
 * the other headers accepted for it, whether it is required, and what goes in it. The templates
 * (templates/*.xlsx|csv) and docs/IMPORT.md are built from, and tested against, these lists.
 *
 * @example
 *   const m = mapHeader(['户号', '姓名', '身份证号码', …], HOUSEHOLD_COLUMNS)
 *   // { ok: true, index: { code: 0, name: 1, idNumber: 2, … } }
 */
import { toHalfWidth } from '../../domain/id-number.js';

export interface ColumnSpec<K extends string = string> {
  key: K;
  header: string;
  synonyms: string[];
  required: boolean;
  /** What to write, in words for the county office. */
  note: string;
  example: string;
}

const col = <K extends string>(key: K, header: string, required: boolean, synonyms: string[], note: string, example: string): ColumnSpec<K> => ({ key, header, required, synonyms, note, example });

export const HOUSEHOLD_COLUMNS = [
  col('town', '镇街', true, ['镇(街道)', '镇街道', '乡镇', '镇', '街道', '所属镇街', '乡镇(街道)', '所在镇街'], '镇或街道的名称（或已导入的别名）', '高家堡镇'),
  col('village', '行政村', true, ['村', '村(社区)', '行政村(社区)', '所属村', '村名', '所在村', '村(居)委会'], '行政村或社区的名称', '凉水井村'),
  col('grid', '网格', false, ['所属网格', '网格名称'], '网格名称；本村未划网格可留空', '凉水井一网格'),
  col('code', '户编号', true, ['户号', '户编码', '家庭编号', '家庭户号', '户代码'], '每户唯一；同一户的成员填同一个户编号，且各行连续排列（合并单元格也可以）', '610821101201-0001'),
  col('headName', '户主姓名', false, ['户主', '户主名称'], '户主的姓名，与户主本人那一行的姓名一致', '张三'),
  col('name', '姓名', true, ['成员姓名', '人员姓名', '家庭成员姓名', '人口姓名'], '本人姓名', '张三'),
  col('idNumber', '身份证号', true, ['身份证号码', '证件号码', '公民身份号码', '身份证', '证件号', '身份证件号码', '居民身份证号码', '公民身份证号'], '18位身份证号（请将该列设为“文本”格式，避免末几位变成0）', '61082119700101123X'),
  col('relation', '与户主关系', true, ['关系', '与户主的关系', '家庭关系', '户主关系'], '户主本人填“户主”，其他人填配偶、之子、之女等', '户主'),
  col('change', '变动', false, ['变动情况', '人员变动', '变动类型', '增减变动'], '本人在本户的变动：分户、合户、婚嫁迁入、迁入（从别的户来到本户）；婚嫁迁出、迁出、死亡（离开本户，记录保留）。没有变动留空', ''),
  col('labour', '劳动能力', true, ['劳动技能', '劳动力状况', '劳动能力状况', '劳动力'], '普通劳动力 / 技能劳动力 / 弱劳动力或半劳动力 / 丧失劳动力 / 无劳动力', '普通劳动力'),
  col('health', '健康状况', true, ['健康状态', '健康情况', '身体状况'], '健康 / 长期慢性病 / 患有大病 / 残疾', '健康'),
  col('schooling', '在校情况', false, ['在校生情况', '在校生状况', '就学情况', '在校生'], '非在校生 / 学前教育 / 小学、初中（义务教育）/ 高中 / 中职 / 大专及以上 / 辍学；空白视为非在校生', '非在校生'),
  col('phone', '联系电话', false, ['电话', '手机', '手机号', '联系方式', '手机号码', '联系手机', '电话号码'], '本人手机或座机（带区号）', '13812345678'),
  col('type', '户类型', true, ['户属性', '农户类型'], '脱贫户 或 一般农户（监测对象类别不填在这里）', '脱贫户'),
  col('alleviationYear', '脱贫年度', false, ['脱贫年份', '脱贫时间'], '脱贫户必填（2013–2020），一般农户留空', '2019'),
  col('dibao', '是否低保', false, ['低保', '低保户', '享受低保'], '是 / 否；空白视为否', '否'),
  col('tekun', '是否特困', false, ['特困', '特困供养', '享受特困'], '是 / 否；空白视为否', '否'),
  col('keyGroups', '重点人群', false, ['十类人群', '对象类型', '重点关注类型'], '十类人群编号，①–⑩ 或 1–10，多个用顿号分隔，如“1、4”', '1、4'),
  col('contactStaff', '联系干部', false, ['包户干部', '帮扶责任人', '联系人'], '负责该户的干部：企业微信账号或姓名（须已在人员名单中）', 'wanggrid'),
  col('incomeYear', '收入年度', false, ['收入年份', '收入所属年度'], '下面几项收入所属的年度，如 2021；填了收入就必填', '2021'),
  col('wage', '工资性收入', false, ['工资收入', '务工收入', '工资性收入(元)'], '全家全年，元；不清楚整组收入留空', '12000'),
  col('business', '生产经营性收入', false, ['生产经营收入', '经营性收入', '生产经营性收入(元)'], '全家全年，元', '3000'),
  col('property', '财产性收入', false, ['财产收入', '财产性收入(元)'], '全家全年，元', '0'),
  col('transfer', '转移性收入', false, ['转移收入', '转移性收入(元)'], '全家全年，元（含养老金、低保金等）', '1800'),
  col('businessCost', '生产经营性支出', false, ['生产经营支出', '经营性支出', '生产经营性支出(元)'], '全家全年，元', '1000'),
  col('basicNeeds', '两不愁', false, ['吃穿不愁', '不愁吃不愁穿'], '是（不愁吃、不愁穿）/ 否；不清楚留空', '是'),
  col('education', '义务教育保障', false, ['义务教育有保障', '义务教育'], '是 / 否（有适龄子女失学辍学为否）；不清楚留空', '是'),
  col('medical', '基本医疗保障', false, ['基本医疗有保障', '基本医疗'], '是 / 否；不清楚留空', '是'),
  col('housing', '住房安全保障', false, ['住房安全有保障', '住房安全'], '是 / 否（住危房为否）；不清楚留空', '是'),
  col('water', '饮水安全', false, ['饮水安全有保障', '安全饮水'], '是 / 否；不清楚留空', '是'),
  col('insured', '参保', false, ['是否参保', '参加医保', '医保参保'], '全家都参加了基本医疗保险填是，有人未参保填否；不清楚留空', '是'),
  col('reliefTemporary', '临时救助', false, ['是否临时救助', '享受临时救助'], '本年度得到过临时救助填是；没有填否；不清楚留空', '否'),
  col('reliefMedical', '医疗救助', false, ['是否医疗救助', '享受医疗救助'], '本年度得到过医疗救助填是；没有填否；不清楚留空', '否'),
] as const;

export const STAFF_COLUMNS = [
  col('userId', '企业微信账号', true, ['userid', '账号', '企业微信id', '成员账号'], '企业微信通讯录中的账号（UserID）', 'wanggrid'),
  col('name', '姓名', true, [], '本人姓名', '王网格'),
  col('phone', '手机', false, ['手机号', '联系电话', '电话'], '手机号码', '13912345678'),
  col('role', '角色', true, ['岗位', '人员类别'], '网格员 / 村干部 / 排查小组成员（含村党支部书记、第一书记、驻村工作队员）/ 镇街干部 / 市乡村振兴局 / 行业部门 / 管理员', '网格员'),
  col('city', '所属市', false, ['市'], '只有一个市时可留空', '神木市'),
  col('town', '所属镇街', false, ['镇街', '所属镇', '乡镇'], '镇街干部及以下必填', '高家堡镇'),
  col('village', '所属村', false, ['行政村', '村'], '村干部、排查小组成员必填；网格员未分网格时填村', '凉水井村'),
  col('grid', '所属网格', false, ['网格'], '网格员填所属网格', '凉水井一网格'),
  col('department', '行业部门', false, ['部门', '所属部门'], '行业部门人员必填：医保、民政、残联、教育、人社、住建、水利、应急管理、公安、农业农村', ''),
  col('active', '是否在岗', false, ['在岗', '状态'], '是 / 否；空白视为在岗。离岗人员填“否”，不要删除', '是'),
] as const;

export const REGION_COLUMNS = [
  col('city', '市', true, ['市名称'], '市（县级市）名称', '神木市'),
  col('cityCode', '市代码', true, ['市区划代码'], '统计用区划代码', '610821'),
  col('cityAliases', '市别名', false, [], '其他叫法，多个用顿号分隔', '神木、sm'),
  col('town', '镇街', false, ['镇(街道)', '乡镇'], '镇或街道名称', '高家堡镇'),
  col('townCode', '镇街代码', false, ['镇街区划代码'], '统计用区划代码', '610821101'),
  col('townAliases', '镇街别名', false, [], '简称、拼音首字母等，多个用顿号分隔', '高家堡、gjb'),
  col('village', '行政村', false, ['村', '村(社区)'], '行政村或社区名称', '凉水井村'),
  col('villageCode', '行政村代码', false, ['村代码', '行政村区划代码'], '统计用区划代码', '610821101201'),
  col('villageAliases', '行政村别名', false, ['村别名'], '简称、拼音首字母等', '凉水井、lsj'),
  col('grid', '网格', false, ['网格名称'], '网格名称；不划网格的市不要这一组列', '凉水井一网格'),
  col('gridCode', '网格代码', false, [], '县里自定的网格编号（字母、数字、-、_）', '610821101201-01'),
  col('gridAliases', '网格别名', false, [], '如“一网格”', '一网格'),
] as const;

export type Keys<C extends ReadonlyArray<ColumnSpec>> = C[number]['key'];

/** How headers are compared: half-width, no spaces, no required-marks, lower case. */
export function normalizeHeader(h: string): string {
  return toHalfWidth(h)
    .replace(/[\s*＊]/g, '')
    .replace(/\((必填|选填)\)$/, '')
    .toLowerCase();
}

/** `unknown`: the headers of the row that are no column of the file (listed in the report, not read). */
export type HeaderMap<K extends string> = { ok: true; index: Partial<Record<K, number>>; unknown: string[] } | { ok: false; missing: string[] };

/** Finds each column in a header row; all required columns must be there. */
export function mapHeader<C extends ReadonlyArray<ColumnSpec>>(cells: readonly string[], columns: C): HeaderMap<Keys<C>> {
  const normalized = cells.map(normalizeHeader);
  const index: Partial<Record<Keys<C>, number>> = {};
  for (const c of columns) {
    const names = [c.header, ...c.synonyms].map(normalizeHeader);
    const i = normalized.findIndex((h) => h !== '' && names.includes(h));
    if (i >= 0) index[c.key as Keys<C>] = i;
  }
  const missing = columns.filter((c) => c.required && index[c.key as Keys<C>] === undefined).map((c) => c.header);
  if (missing.length > 0) return { ok: false, missing };
  const used = new Set<number>(Object.values(index) as number[]);
  return { ok: true, index, unknown: cells.filter((h, i) => h.trim() !== '' && !used.has(i)).map((h) => h.trim()) };
}

/** How many headers of `columns` a row carries (to find the header row under a title row). */
export function headerScore(cells: readonly string[], columns: ReadonlyArray<ColumnSpec>): number {
  const names = new Set(columns.flatMap((c) => [c.header, ...c.synonyms].map(normalizeHeader)));
  return cells.filter((c) => names.has(normalizeHeader(c))).length;
}
