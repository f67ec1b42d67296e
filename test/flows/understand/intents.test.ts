import { describe, expect, it } from 'vitest';
import { areaScope, classifyIntent, type Asker, type Intent } from '../../../src/flows/understand/index.js';
import { questionTopic } from '../../../src/flows/farmer/questions.js';

const STAFF: Asker[] = ['grid_worker', 'village_cadre', 'screening_team', 'town_official', 'city_bureau', 'admin'];

describe('classifyIntent: conversation control, for everyone', () => {
  it.each([
    ['帮助', 'help'], ['菜单', 'help'], ['?', 'help'], ['？', 'help'], ['怎么用', 'help'], ['help', 'help'], ['你好', 'help'],
    ['在吗', 'help'], ['取消', 'cancel'], ['取消申报', 'cancel'], ['退出', 'cancel'], ['不弄了', 'cancel'], ['算了', 'cancel'],
    ['算了吧', 'cancel'], ['不报了', 'cancel'], ['继续', 'resume'], ['接着填', 'resume'], ['继续申报', 'resume'],
  ])('%j → %s', (text, kind) => {
    for (const asker of ['farmer', ...STAFF] as Asker[]) expect(classifyIntent(text, asker)).toEqual({ kind });
  });

  it('does not take a sentence that merely contains a control word', () => {
    expect(classifyIntent('算了一下花了三万', 'farmer')).toEqual({ kind: 'unknown', text: '算了一下花了三万' });
    expect(classifyIntent('继续住院治疗', 'farmer').kind).toBe('declare');
  });
});

describe('classifyIntent: farmers', () => {
  it.each([
    ['申报', { kind: 'declare', text: '申报', risks: [] }],
    ['我要申报', { kind: 'declare', text: '我要申报', risks: [] }],
    ['家里出事了', { kind: 'declare', text: '家里出事了', risks: [] }],
    ['有困难', { kind: 'declare', text: '有困难', risks: [] }],
    ['你好，我想申报', { kind: 'declare', text: '你好,我想申报', risks: [] }],
    ['我家想申报一下', { kind: 'declare', text: '我家想申报一下', risks: [] }],
    ['请问低保怎么申请', { kind: 'policy', topic: 'declare' }],
    ['我的申报到哪一步了', { kind: 'my_declaration_status' }],
    ['申报进度', { kind: 'my_declaration_status' }],
    ['进度', { kind: 'my_declaration_status' }],
    ['查询', { kind: 'my_declaration_status' }],
    ['结果出来了吗', { kind: 'my_declaration_status' }],
    ['你好 我想问问我上次申报的那个事 现在咋样了', { kind: 'my_declaration_status' }],
    ['之前报的困难到底咋样了', { kind: 'my_declaration_status' }],
    ['政策', { kind: 'policy', topic: 'general' }],
    ['什么是监测', { kind: 'policy', topic: 'monitoring' }],
    ['标准是多少', { kind: 'policy', topic: 'standard' }],
    ['怎么申报', { kind: 'policy', topic: 'declare' }],
    ['有什么补助', { kind: 'policy', topic: 'measures' }],
    ['纳入了能享受什么政策', { kind: 'policy', topic: 'measures' }],
    ['我想绑定我家', { kind: 'bind_household' }],
    ['俺家这日子过不下去了', { kind: 'declare', text: '俺家这日子过不下去了', risks: [] }],
    ['关联我家', { kind: 'bind_household' }],
    ['今天天气不错', { kind: 'unknown', text: '今天天气不错' }],
    ['哈哈', { kind: 'unknown', text: '哈哈' }],
    ['', { kind: 'unknown', text: '' }],
    // staff commands are no commands from a farmer
    ['排查 张三', { kind: 'unknown', text: '排查 张三' }],
    ['导出附件1', { kind: 'unknown', text: '导出附件1' }],
    ['待办', { kind: 'unknown', text: '待办' }],
  ] as Array<[string, Intent]>)('%j → %j', (text, intent) => {
    expect(classifyIntent(text, 'farmer')).toEqual(intent);
  });

  it.each([
    ['儿子住院了花了三万多', ['illness']],
    ['房子漏雨了', ['housing_safety']],
    ['去年冰雹把庄稼打了', ['natural_disaster']],
    ['我家羊死了一半，亏了两万', ['industry_failure']],
    ['工地停工了没活干', ['unstable_employment']],
  ])('an account of hardship %j is a declaration (%j)', (text, risks) => {
    const intent = classifyIntent(text, 'farmer');
    expect(intent.kind).toBe('declare');
    if (intent.kind === 'declare') expect(intent.risks.map((r) => r.riskType)).toEqual(risks);
  });
});

describe('classifyIntent: staff', () => {
  it.each([
    ['排查 张三 入户 无风险 了解政策', 'grid_worker', { kind: 'screen_general', rest: '张三 入户 无风险 了解政策' }],
    ['排查张三 微信 没风险 了解', 'grid_worker', { kind: 'screen_general', rest: '张三 微信 没风险 了解' }],
    ['一般户排查：王五', 'village_cadre', { kind: 'screen_general', rest: '王五' }],
    ['重点户排查 李四', 'screening_team', { kind: 'screen_key', rest: '李四' }],
    ['回头看 王五 收入稳定', 'screening_team', { kind: 'review', rest: '王五 收入稳定' }],
    ['帮扶跟进 赵六', 'screening_team', { kind: 'followup', rest: '赵六' }],
    ['跟踪 赵六', 'village_cadre', { kind: 'followup', rest: '赵六' }],
    ['跟踪', 'village_cadre', { kind: 'followup', rest: '' }],
    ['研判会 凉水井村', 'village_cadre', { kind: 'meeting', rest: '凉水井村' }],
    ['问题 凉水井村 网格员没入户', 'village_cadre', { kind: 'problem_report', rest: '凉水井村 网格员没入户' }],
    ['报问题', 'village_cadre', { kind: 'problem_report', rest: '' }],
    ['整改 3 已修好', 'village_cadre', { kind: 'problem_fix', rest: '3 已修好' }],
    ['我的待办', 'grid_worker', { kind: 'todo' }],
    ['待办', 'village_cadre', { kind: 'todo' }],
    ['高家堡镇进度', 'town_official', { kind: 'progress', scope: { kind: 'named', text: '高家堡镇', levelHint: 'town' } }],
    ['凉水井村进度', 'town_official', { kind: 'progress', scope: { kind: 'named', text: '凉水井村', levelHint: 'village' } }],
    ['看看高家堡的进度', 'city_bureau', { kind: 'progress', scope: { kind: 'named', text: '高家堡' } }],
    ['全市进度', 'city_bureau', { kind: 'progress', scope: { kind: 'city' } }],
    ['各镇排名', 'city_bureau', { kind: 'progress', scope: { kind: 'city' } }],
    ['进度', 'town_official', { kind: 'progress', scope: { kind: 'own' } }],
    ['本镇进度怎么样？', 'town_official', { kind: 'progress', scope: { kind: 'own' } }],
    ['排查进度', 'town_official', { kind: 'progress', scope: { kind: 'own' } }],
    ['申报进度', 'town_official', { kind: 'progress', scope: { kind: 'own' } }],
    ['店塔镇情况怎么样', 'city_bureau', { kind: 'progress', scope: { kind: 'named', text: '店塔镇', levelHint: 'town' } }],
    ['您好，高家堡镇进度', 'city_bureau', { kind: 'progress', scope: { kind: 'named', text: '高家堡镇', levelHint: 'town' } }],
    ['哪些村还没报', 'town_official', { kind: 'not_reported', scope: { kind: 'own' } }],
    ['高家堡镇哪些村还没报', 'city_bureau', { kind: 'not_reported', scope: { kind: 'named', text: '高家堡镇', levelHint: 'town' } }],
    ['超期线索', 'city_bureau', { kind: 'overdue', scope: { kind: 'own' } }],
    ['超期', 'town_official', { kind: 'overdue', scope: { kind: 'own' } }],
    ['店塔镇超期线索', 'city_bureau', { kind: 'overdue', scope: { kind: 'named', text: '店塔镇', levelHint: 'town' } }],
    ['零问题的村', 'city_bureau', { kind: 'zero_problem', scope: { kind: 'own' } }],
    ['全市零问题的村', 'city_bureau', { kind: 'zero_problem', scope: { kind: 'city' } }],
    ['导出附件1 高家堡镇', 'town_official', { kind: 'export', form: 'attachment1', rest: '高家堡镇' }],
    ['导出问题清单', 'town_official', { kind: 'export', form: 'attachment6', rest: '' }],
    ['附件6', 'town_official', { kind: 'export', form: 'attachment6', rest: '' }],
    ['问题台账', 'village_cadre', { kind: 'export', form: 'attachment6', rest: '' }],
    ['导出整改台账', 'city_bureau', { kind: 'export', form: 'ledger', rest: '' }],
    ['导出', 'city_bureau', { kind: 'export', form: null, rest: '' }],
    ['导出附件五 店塔镇', 'city_bureau', { kind: 'export', form: 'attachment5', rest: '店塔镇' }],
    ['附件3 凉水井村', 'village_cadre', { kind: 'export', form: 'attachment3', rest: '凉水井村' }],
    ['政策', 'grid_worker', { kind: 'policy', topic: 'general' }],
    ['申报', 'village_cadre', { kind: 'declare', text: '申报', risks: [] }],
    // staff report hardship through their commands, not in passing
    ['儿子住院了花了三万多', 'grid_worker', { kind: 'unknown', text: '儿子住院了花了三万多' }],
    ['哈哈', 'grid_worker', { kind: 'unknown', text: '哈哈' }],
  ] as Array<[string, Asker, Intent]>)('%j from %s → %j', (text, asker, intent) => {
    expect(classifyIntent(text, asker)).toEqual(intent);
  });
});

describe('classifyIntent: one’s own work asked about in a sentence', () => {
  it.each([
    ['这周四开研判会 都有谁要研判', { kind: 'meeting', rest: '' }],
    ['咱村有几户要回头看', { kind: 'review', rest: '' }],
    ['哪些户该回头看了？', { kind: 'review', rest: '' }],
    ['石门村有个问题 贺永胜家的收入填错了 少填了务工收入', { kind: 'problem_report', rest: '贺永胜家的收入填错了 少填了务工收入' }],
    ['贺永胜家的人口数录错了', { kind: 'problem_report', rest: '贺永胜家的人口数录错了' }],
    ['今天下午开研判会了', { kind: 'meeting', rest: '' }],
    ['研盼会', { kind: 'meeting', rest: '' }],
    ['会头看 刘君', { kind: 'review', rest: '刘君' }],
    ['我去回头看了薛有亮家', { kind: 'review', rest: '薛有亮家' }],
    ['报个问题，刘军户的银行卡号不对', { kind: 'problem_report', rest: '刘军户的银行卡号不对' }],
    ['今天培训了二十来个人', { kind: 'training', rest: '二十来个人' }],
    ['昨天培训了12人', { kind: 'training', rest: '12人 昨天' }],
    ['今天开会部署了排查工作', { kind: 'deployment', rest: '' }],
    ['俺今天有啥任务', { kind: 'todo' }],
    ['今儿个俺要弄啥', { kind: 'todo' }],
    ['今天研判 王在田家 纳入 突发严重困难户', { kind: 'meeting', rest: '' }],
    ['李和平家研判结果 不纳入 收入够了', { kind: 'meeting', rest: '' }],
    ['研判会定了 贺是成家纳入监测', { kind: 'meeting', rest: '' }],
    ['这礼拜还有啥活没干完', { kind: 'todo' }],
    ['我今天该干点啥', { kind: 'todo' }],
    ['今天要干的活发我一下', { kind: 'todo' }],
    ['我手上有几条线索', { kind: 'todo' }],
  ])('“%s”', (text, expected) => {
    expect(classifyIntent(text, 'village_cadre')).toEqual(expected as Intent);
  });

  it('a statement about the meeting, or a question without the work’s words, is not taken for it', () => {
    expect(classifyIntent('研判会开完了', 'village_cadre').kind).toBe('meeting'); // the command itself
    expect(classifyIntent('周四开研判会', 'village_cadre').kind).not.toBe('meeting');
    expect(classifyIntent('明天下午开研判会', 'village_cadre').kind).not.toBe('meeting');
    expect(classifyIntent('马有福家研判了没 纳入了吗', 'village_cadre').kind).not.toBe('meeting');
    // "问题不大" reads as the command word with a rest the flow itself declines (test/flows/field/problem-report.test.ts).
    expect(classifyIntent('问题不大', 'village_cadre')).toEqual({ kind: 'problem_report', rest: '不大' });
    expect(classifyIntent('收入填得没问题', 'village_cadre').kind).not.toBe('problem_report');
  });
});

describe('areaScope', () => {
  it.each([
    ['进度', { kind: 'own' }],
    ['我们村进度', { kind: 'own' }],
    ['全市', { kind: 'city' }],
    ['高家堡镇', { kind: 'named', text: '高家堡镇', levelHint: 'town' }],
    ['永兴街道进度', { kind: 'named', text: '永兴街道', levelHint: 'town' }],
    ['西沟社区', { kind: 'named', text: '西沟社区', levelHint: 'village' }],
    ['gjb进度', { kind: 'named', text: 'gjb' }],
  ] as const)('%j → %j', (text, scope) => {
    expect(areaScope(text)).toEqual(scope);
  });
});

describe('classifyIntent: a form asked for in a sentence', () => {
  it.each([
    ['把本镇的问题清单导出来', 'attachment6', '本镇'],
    ['我要附件6', 'attachment6', ''],
    ['给我个进度表', 'attachment1', ''],
    ['把凉水井村的附件3导出来', 'attachment3', '凉水井村'],
  ])('“%s” exports %s', (text, form, rest) => {
    expect(classifyIntent(text, 'town_official')).toEqual({ kind: 'export', form, rest });
  });
});

describe('classifyIntent: farmers asking after their declaration, or about materials', () => {
  it.each([
    ['我上个月报的那个咋样了', 'my_declaration_status'],
    ['报的事批了没', 'my_declaration_status'],
    ['申报需要带啥材料', 'policy'],
  ])('“%s” is %s', (text, kind) => {
    expect(classifyIntent(text, 'farmer').kind).toBe(kind);
  });
});

describe('classifyIntent: work told in a sentence, and what must stay a report', () => {
  it.each([
    ['回头看一下霍金山家', { kind: 'review', rest: '霍金山家' }],
    ['今天把拓永胜家回头看做了 没麻达', { kind: 'review', rest: '拓永胜家' }],
    ['跟踪一下郝在明家的帮扶措施落实没', { kind: 'followup', rest: '郝在明家的帮扶措施落实没' }],
    ['刘君家帮扶措施都落实了 跟进一下', { kind: 'followup', rest: '刘君家' }],
    ['跟近 刘君', { kind: 'followup', rest: '刘君' }],
    ['有个事反映一下 网格员入户的时候没让农户签字', { kind: 'problem_report', rest: '网格员入户的时候没让农户签字' }],
    ['第二个问题整改好了', { kind: 'problem_fix', rest: '二' }],
    ['整改好了 对账销号吧', { kind: 'problem_fix', rest: '' }],
    ['今天下午搞了个培训 来了十八个人', { kind: 'training', rest: '十八人' }],
    ['村里今天开了动员会 培训了网格员和村干部十几个人 具体是十四个', { kind: 'training', rest: '十四人' }],
    ['下午搞了培训 本来二十多个 一共来了十六个', { kind: 'training', rest: '十六人' }],
    ['培训了网格员和村干部十四个', { kind: 'training', rest: '十四人' }],
    ['昨天开会部署了排查 全村干部都参加了', { kind: 'deployment', rest: '昨天' }],
    ['我还有啥没干的', { kind: 'todo' }],
    ['把附件5导出来 我要打印', { kind: 'export', form: 'attachment5', rest: '' }],
    ['研判会的名单出来没', { kind: 'meeting', rest: '' }],
    ['开会研判一下', { kind: 'meeting', rest: '' }],
    ['对已消除风险户开展回头看 先从拓永胜家', { kind: 'review', rest: '拓永胜家' }],
    ['问题1已整改', { kind: 'problem_fix', rest: '1' }],
    ['今天村上召开了集中排查动员部署会', { kind: 'deployment', rest: '' }],
    ['俺报个问题 刘军家的电话号码换了', { kind: 'problem_report', rest: '刘军家的电话号码换了' }],
    ['有没有要我处理的事', { kind: 'todo' }],
    ['把问题台账导一份', { kind: 'export', form: 'attachment6', rest: '' }],
    // The day of a training or deployment passes on as said: a part of a month for the flow to ask, a day of last month with its month.
    ['上个月底培训了十个人', { kind: 'training', rest: '十人 上个月底' }],
    ['月初培训了12个人', { kind: 'training', rest: '12人 月初' }],
    ['上个月3号培训了12人', { kind: 'training', rest: '12人 上个月3号' }],
    ['3号开的部署会', { kind: 'deployment', rest: '3号' }],
    ['上个月开了部署会', { kind: 'deployment', rest: '上个月' }],
  ] as Array<[string, Intent]>)('%j → %j', (text, intent) => {
    expect(classifyIntent(text, 'village_cadre')).toEqual(intent);
  });

  it('a screening report that mentions other work stays a report; two counts of people are not added up', () => {
    expect(classifyIntent('马有福家入户 无风险 政策了解 后续跟进', 'grid_worker').kind).not.toBe('followup');
    expect(classifyIntent('马有福 入户 有风险 不对 没风险 政策了解 报一下', 'grid_worker').kind).not.toBe('problem_report');
    expect(classifyIntent('给村干部5个人 网格员10个人搞了培训', 'village_cadre')).toEqual({ kind: 'training', rest: '' });
    // The question after 另外问一下 does not decide what the report is.
    expect(classifyIntent('杨建平户 入户 无风险 政策了解 另外问一下 研判会啥时候开', 'grid_worker').kind).not.toBe('meeting');
    expect(classifyIntent('一个问题都没报的村', 'town_official').kind).toBe('zero_problem');
    // A meeting announced for another day is no deployment held now; a report's 电话号码 is no method.
    expect(classifyIntent('下周一开部署会', 'village_cadre').kind).not.toBe('deployment');
    expect(classifyIntent('5号开部署会', 'village_cadre').kind).not.toBe('deployment');
    expect(classifyIntent('这个月底准备搞个培训 二十来个人', 'village_cadre').kind).not.toBe('training');
    expect(classifyIntent('马有福家入户 啥问题都没有 政策知道', 'grid_worker').kind).not.toBe('zero_problem');
    // A slip in a screening's own fields is still a problem to report.
    expect(classifyIntent('马有福家入户排查时政策了解填错了', 'village_cadre').kind).toBe('problem_report');
  });

  it('farmers: a question about declaring beside an account is a declaration; 谁可以申报 is a question', () => {
    expect(classifyIntent('想问下俺家能不能申报 老汉腰椎间盘突出做了手术 花了三万', 'farmer').kind).toBe('declare');
    expect(classifyIntent('谁可以申报啊', 'farmer')).toEqual({ kind: 'policy', topic: 'declare' });
  });
});

describe('the seventh batch’s classes (2026-12-06)', () => {
  it('研判回 is the 研判会 (回 for 会)', () => {
    expect(classifyIntent('研判回', 'village_cadre').kind).toBe('meeting');
  });

  it('回头看 said done before the household: the household is the rest', () => {
    expect(classifyIntent('回头看已完成 霍金山家 收入稳定', 'village_cadre')).toEqual({ kind: 'review', rest: '霍金山家 收入稳定' });
    expect(classifyIntent('回头看以完成 霍金山家 收入稳定', 'village_cadre')).toEqual({ kind: 'review', rest: '霍金山家 收入稳定' });
  });

  it('how many are left of the 回头看 is the 回头看, never a place called 回头', () => {
    expect(classifyIntent('咱村回头看的户还剩几个', 'village_cadre').kind).toBe('review');
  });

  it('a training held, told without its count, is the training (the flow asks the number); a question about one is not', () => {
    expect(classifyIntent('上午搞了一场培训 网格员都参加了', 'village_cadre')).toEqual({ kind: 'training', rest: '' });
    expect(classifyIntent('下午组织了个业务培训', 'town_official').kind).toBe('training');
    expect(classifyIntent('下周开个培训会', 'village_cadre').kind).not.toBe('training');
  });

  it('one’s work for today asked with 哪些 is the to-do list, not progress', () => {
    expect(classifyIntent('今天有哪些活要干', 'village_cadre').kind).toBe('todo');
  });

  it('the towns that have not sent their report, and whether all reports are in', () => {
    expect(classifyIntent('哪个镇还没交周报', 'city_bureau')).toEqual({ kind: 'not_reported', scope: { kind: 'own' } });
    expect(classifyIntent('周报都交了没', 'town_official')).toEqual({ kind: 'not_reported', scope: { kind: 'own' } });
    expect(classifyIntent('咱镇有几个村周报还没交', 'town_official')).toEqual({ kind: 'not_reported', scope: { kind: 'own' } });
    expect(classifyIntent('凉水井村周报报了没 没报的话催一下', 'town_official').kind).toBe('not_reported');
    expect(classifyIntent('咱镇是不是还有村没交周报', 'town_official')).toEqual({ kind: 'not_reported', scope: { kind: 'own' } });
    expect(classifyIntent('这周各村报数了吗', 'town_official')).toEqual({ kind: 'not_reported', scope: { kind: 'own' } });
    expect(classifyIntent('咱镇附件1 凉水井村的', 'town_official')).toMatchObject({ kind: 'export', form: 'attachment1' });
    expect(classifyIntent('凉水井村的附件2呢', 'town_official')).toEqual({ kind: 'export', form: 'attachment2', rest: '凉水井村' });
  });

  it('a village that found not one problem is the zero-problem question', () => {
    expect(classifyIntent('哪个村一个问题都没发现', 'town_official')).toEqual({ kind: 'zero_problem', scope: { kind: 'own' } });
    expect(classifyIntent('凉水井村一个问题都没报', 'town_official')).toEqual({ kind: 'zero_problem', scope: { kind: 'named', text: '凉水井村', levelHint: 'village' } });
  });

  it('the file format after a form (excel) asks for the file of the place named', () => {
    expect(classifyIntent('凉水井村的附件1 excel', 'town_official')).toMatchObject({ kind: 'export', form: 'attachment1', rest: '凉水井村' });
  });

  it('a farmer asking whether anyone handles what they reported, or which families can be included', () => {
    expect(classifyIntent('我前几天报的那个 有人管没', 'farmer').kind).toBe('my_declaration_status');
    expect(classifyIntent('啥样的家庭能纳入监测', 'farmer')).toEqual({ kind: 'policy', topic: 'monitoring' });
  });
});

describe('the eighth batch’s classes (2026-12-07)', () => {
  it('an @mention first is never a place, and the request after it is read', () => {
    expect(classifyIntent('@守望 咱镇进度', 'town_official')).toEqual({ kind: 'progress', scope: { kind: 'own' } });
    expect(classifyIntent('@石德明 @守望 还有哪些村没报', 'town_official')).toEqual({ kind: 'not_reported', scope: { kind: 'own' } });
  });

  it('a problem command word first wins over question words in the problem (好几个月, 到期)', () => {
    expect(classifyIntent('反映个问题 刘君家低保好几个月没到账了', 'village_cadre')).toEqual({ kind: 'problem_report', rest: '刘君家低保好几个月没到账了' });
    expect(classifyIntent('报个问题 折二娃家的残疾证到期了 没人给换', 'grid_worker').kind).toBe('problem_report');
    expect(classifyIntent('发现一个问题 马有福家几个娃的户口没迁', 'grid_worker').kind).toBe('problem_report');
  });

  it('有个问题 then the problem is a report; 有个问题 then a question is not', () => {
    expect(classifyIntent('有个问题 霍金山家的危房改造款一直没下来', 'village_cadre')).toEqual({ kind: 'problem_report', rest: '霍金山家的危房改造款一直没下来' });
    expect(classifyIntent('有一个问题：苏和家的低保卡丢了', 'village_cadre').kind).toBe('problem_report');
    expect(classifyIntent('有个问题 想问一下', 'village_cadre').kind).not.toBe('problem_report');
  });

  it('好几 (several) is no question of how many', () => {
    expect(classifyIntent('好几个村的情况', 'town_official').kind).not.toBe('problem_report');
    expect(classifyIntent('马有福家好几个月没收入了', 'village_cadre').kind).not.toBe('progress');
  });

  it('超15天 and 快超 ask after the overdue leads', () => {
    expect(classifyIntent('有没有快超15天的', 'town_official')).toEqual({ kind: 'overdue', scope: { kind: 'own' } });
    expect(classifyIntent('超15天的还有几条', 'town_official')).toEqual({ kind: 'overdue', scope: { kind: 'own' } });
  });

  it('a place then 那边/那块 and whether its report is in', () => {
    expect(classifyIntent('新村那边周报交了没', 'town_official')).toEqual({ kind: 'not_reported', scope: { kind: 'named', text: '新村', levelHint: 'village' } });
    expect(classifyIntent('凉水井村那块报了没有', 'town_official')).toEqual({ kind: 'not_reported', scope: { kind: 'named', text: '凉水井村', levelHint: 'village' } });
    expect(classifyIntent('上报的表弄好了没', 'town_official')).toEqual({ kind: 'not_reported', scope: { kind: 'own' } });
  });

  it('the meeting’s or 回头看’s word glued to a question about it is that work’s list', () => {
    expect(classifyIntent('研判会啥时候开 这礼拜的', 'village_cadre')).toEqual({ kind: 'meeting', rest: '' });
    expect(classifyIntent('研判会几点开', 'village_cadre')).toEqual({ kind: 'meeting', rest: '' });
    expect(classifyIntent('回头看什么时候弄', 'village_cadre')).toEqual({ kind: 'review', rest: '' });
    // A household named after it is that household's work, not the list.
    expect(classifyIntent('回头看刘君家 帮扶措施都到位了', 'village_cadre')).toEqual({ kind: 'review', rest: '刘君家 帮扶措施都到位了' });
  });

  it('研判一下 before the household: 一下 is no part of the name', () => {
    expect(classifyIntent('研判一下呼延平家 老两口都害病 拟纳入', 'village_cadre')).toEqual({ kind: 'meeting', rest: '呼延平家 老两口都害病 拟纳入' });
  });

  it('a problem said fixed with 修好/整好/办好', () => {
    expect(classifyIntent('上礼拜报的那个自来水的问题 已经修好了', 'village_cadre').kind).toBe('problem_fix');
    expect(classifyIntent('第三个问题 整好了', 'village_cadre')).toEqual({ kind: 'problem_fix', rest: '三' });
  });

  it('a problem said not fixed yet is no fix', () => {
    expect(classifyIntent('第二个问题还没整改完', 'village_cadre').kind).not.toBe('problem_fix');
    expect(classifyIntent('那个问题还没修好', 'village_cadre').kind).not.toBe('problem_fix');
    expect(classifyIntent('第二个问题整改好了', 'village_cadre')).toEqual({ kind: 'problem_fix', rest: '二' });
  });

  it('one’s to-do asked with a request to be shown after it, or with 手上/没办完', () => {
    expect(classifyIntent('有啥待办的没 发我看下', 'village_cadre').kind).toBe('todo');
    expect(classifyIntent('我今天的任务 给我看看', 'grid_worker').kind).toBe('todo');
    expect(classifyIntent('我手上还有啥没办完的', 'village_cadre').kind).toBe('todo');
    expect(classifyIntent('俺手头还有啥活没干完', 'grid_worker').kind).toBe('todo');
  });

  it('a form’s number written as on a cheque (附件伍) is that form', () => {
    expect(classifyIntent('附件伍导出来', 'town_official')).toMatchObject({ kind: 'export', form: 'attachment5', rest: '' });
    expect(classifyIntent('凉水井村附件叁', 'town_official')).toMatchObject({ kind: 'export', form: 'attachment3', rest: '凉水井村' });
  });

  it('a place taken back within the question: the one said last', () => {
    expect(classifyIntent('凉水井村的进度 哦不是 新村的', 'town_official')).toEqual({ kind: 'progress', scope: { kind: 'named', text: '新村', levelHint: 'village' } });
    expect(areaScope('凉水井村进度 不对 说错了 是新村')).toEqual({ kind: 'named', text: '新村', levelHint: 'village' });
    expect(classifyIntent('不是凉水井村 是新村的进度', 'town_official')).toEqual({ kind: 'progress', scope: { kind: 'named', text: '新村', levelHint: 'village' } });
    // Nothing named after the correction: the place before it stands.
    expect(classifyIntent('凉水井村的超期线索 不对 进度', 'town_official')).toMatchObject({ scope: { kind: 'named', text: '凉水井村' } });
  });
});

describe('the ninth batch’s classes (2026-12-07)', () => {
  it('反映个情况 then the matter is a problem, not a question of progress', () => {
    expect(classifyIntent('反映个情况 杨建平家的人口信息不对 杨帆户口迁走了', 'grid_worker')).toEqual({ kind: 'problem_report', rest: '杨建平家的人口信息不对 杨帆户口迁走了' });
    expect(classifyIntent('反映一下情况：苏和家的低保卡丢了', 'village_cadre').kind).toBe('problem_report');
  });

  it('how many to-dos one has is the to-do list', () => {
    for (const t of ['我的待办有几个', '俺的待办有多少', '待办有哪些']) expect(classifyIntent(t, 'grid_worker').kind, t).toBe('todo');
  });

  it('a meeting of last week is held, one of next week announced', () => {
    expect(classifyIntent('上礼拜三开了排查部署会', 'village_cadre').kind).toBe('deployment');
    expect(classifyIntent('下礼拜三开排查部署会', 'village_cadre').kind).not.toBe('deployment');
    expect(classifyIntent('礼拜三开部署会', 'village_cadre').kind).not.toBe('deployment');
  });
});

describe('a farmer asking how much help comes (questionTopic)', () => {
  it('“能给多少钱” is about the help, “申报要花钱不” about what declaring costs', () => {
    for (const t of ['能给多少钱', '一般能补多少', '能领多少补助']) expect(questionTopic(t), t).toBe('measures');
    for (const t of ['申报要花钱不', '要交钱吗', '收费不']) expect(questionTopic(t), t).toBe('cost');
  });
});
