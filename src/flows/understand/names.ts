/**
 * Personal names in what people type: "我叫张三", "我是王秀兰", "户主李四", "户主是欧阳秀兰",
 * "姓名：张三", or a bare "张三" answering "您叫什么名字？".
 *
 * A heuristic, tuned to be careful: the name must be 2–4 Chinese characters starting with a
 * known surname, must not be a role ("我是网格员"), a place ("我是高家堡镇的") or a phrase
 * ("我是来申报的"); "我是张三的儿子" names someone else and gives null. The flow confirms the
 * name with the person anyway, so a miss costs one question and a wrong guess is avoided.
 */
import { normalize } from './normalize.js';

// Common single-character surnames (with those frequent in northern Shaanxi: 折, 訾, 亢, 呼, 拓 …).
const SURNAMES = new Set(
  [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由折訾拓奥霍党'],
);
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '令狐', '夏侯', '独孤', '南宫', '西门', '端木', '呼延', '拓跋', '万俟', '申屠', '澹台', '轩辕'];

// Words that look like names after 我是 but are not.
const NOT_NAMES = /^(?:网格员|村干部|村主任|书记|支书|主任|组长|队长|干部|农民|农户|村民|贫困户|脱贫户|低保户|监测户|一般户|五保户|残疾人|本人|户主|老百姓|群众|他|她|这|那|来|想|要)/;
// Where a name ends: particles, the start of another detail, a pronoun.
const NAME_END = /的|今年|身份证|电话|手机|户主|住在|家住|家在|家里|申报|反映|咨询|请问|问|办|在|我|你|他|她|啊|呀|呢|吧|哦|嘛|想|要|岁|男|女|[,，。、:;!?\s\d]/;
const PLACE = /[镇村乡组]|街道|社区/;

const MARKERS: Array<{ re: RegExp; who: NameWho }> = [
  { re: /(?:户主(?:姓名|名字)?(?:是|叫|为|:)?)\s*/, who: 'head' },
  { re: /(?:我(?:的)?名字(?:是|叫)|我叫|俺叫|我是|俺是|本人是|本人叫|本人|我姓.{1,2}[,，\s]?(?:名|叫))\s*/, who: 'self' },
  { re: /(?:姓名|名字)\s*(?:是|叫|为|:)?\s*/, who: 'unknown' },
];

/** Whose name it is: the speaker's, the household head's, or not said (a form answer). */
export type NameWho = 'self' | 'head' | 'unknown';

// Characters that occur in sentences but hardly ever in a given name. Ordinary characters that
// people do carry in their names (马有福, 王在田, 李和平, 张是金) are NOT listed: a name is never
// refused for them; where a name ends is decided by what follows it instead (see nameAt).
const NOT_IN_GIVEN_NAME = /[吗呢吧啊么什怎哪谁这那没不很就都也还要会能想说看去过把被让给对从向跟与或但而因所以漏病钱吃喝住]/;

/** Known place names (villages, towns), each also without its suffix (石门村 → 石门). */
export function placeWords(places: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const p of places) {
    out.add(p);
    const bare = p.replace(/(?:村|镇|乡|街道|社区|办事处|村委会)$/, '');
    if (bare.length >= 2) out.add(bare);
  }
  return out;
}

function validName(s: string, places?: ReadonlySet<string>): boolean {
  if (!/^[\u4e00-\u9fa5·]{2,4}$/.test(s) || NOT_NAMES.test(s)) return false;
  // A village or town said alone ("石门", "高家堡") is a place, never a person.
  if (places?.has(s)) return false;
  const compound = COMPOUND_SURNAMES.find((c) => s.startsWith(c));
  // Four characters are a compound surname with a two-character given name (欧阳秀兰).
  if (!compound && (s.length > 3 || !SURNAMES.has(s[0] as string))) return false;
  if (compound && s.length < 3) return false;
  const given = s.slice(compound ? compound.length : 1);
  // They may stand inside a given name, not at its end: "张三的", "李四在" are phrases.
  return !NOT_IN_GIVEN_NAME.test(given) && !/[的了是在有和]$/.test(given);
}

/**
 * Reads a name starting at `rest`; null when it is not one. The longest valid name that is
 * followed by the end of the text or by a word that ends names wins, so "马有福今年六十" gives
 * 马有福 and "张三在村里" gives 张三, while "马在田" stays whole.
 */
function nameAt(rest: string, places?: ReadonlySet<string>): string | null {
  const window = rest.slice(0, 7);
  for (let len = Math.min(4, window.length); len >= 2; len--) {
    const candidate = window.slice(0, len);
    const after = window.slice(len);
    if (after !== '' && NAME_END.exec(after)?.index !== 0) continue;
    // "我是张三的儿子": 张三 is someone else; "我是高家堡镇的": a place.
    if (after.startsWith('的') && after.length > 1) return null;
    if (PLACE.test(candidate)) return null;
    if (validName(candidate, places)) return candidate;
  }
  return null;
}

/**
 * Finds a person's name in text.
 *
 * @example
 *   extractName('我叫张三')           // { name: '张三', who: 'self' }
 *   extractName('你好，我是王秀兰')   // { name: '王秀兰', who: 'self' }
 *   extractName('户主李四，3口人')    // { name: '李四', who: 'head' }
 *   extractName('我是网格员')         // null
 */
export function extractName(text: string, opts: { places?: readonly string[] } = {}): { name: string; who: NameWho } | null {
  const t = normalize(text);
  const places = opts.places ? placeWords(opts.places) : undefined;
  for (const { re, who } of MARKERS) {
    const m = re.exec(t);
    if (!m) continue;
    const name = nameAt(t.slice(m.index + m[0].length), places);
    if (name) return { name, who };
    // A failed marker does not stop the search: "我是凉水井村的，户主张三".
  }
  const bare = t.replace(/[。.!,]+$/, '');
  return validName(bare, places) ? { name: bare, who: 'unknown' } : null;
}

/**
 * The household named first in words (“冯文斌家研判了”, “冯文斌的线索…”, “石秀英那户…”): a name of
 * two to four characters starting with a surname, followed by one of `tails` (a regex source).
 *
 * @example
 *   headNamedFirst('冯文斌家那个线索到哪一步了', '家|户|的')   // '冯文斌'
 *   headNamedFirst('村里大家都同意', '家|户')                  // null (村 is no surname)
 */
export function headNamedFirst(text: string, tails: string): string | null {
  const name = new RegExp(`^\\s*([\\u4e00-\\u9fa5]{2,4}?)(?=${tails})`).exec(text)?.[1];
  return name && startsWithSurname(name) ? name : null;
}

/** Whether the text starts with a common surname (single or compound). */
export function startsWithSurname(s: string): boolean {
  return SURNAMES.has(s[0] ?? '') || COMPOUND_SURNAMES.some((c) => s.startsWith(c));
}
