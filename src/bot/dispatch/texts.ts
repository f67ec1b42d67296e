/**
 * What the dispatcher itself says (not any flow): leaving, resuming, expiry, apologies, the
 * one-line answers to courtesy words. Short, polite, concrete; the words people can send back
 * are in “”.
 */
export const texts = {
  cancelled: (title: string) => `已退出「${title}」。`,
  nothingToCancel: '当前没有正在办的事项。发送“帮助”查看可以办的事。',
  suspendedNote: (title: string) => `（「${title}」已暂停，办完这件后发送“继续”可接着办。）`,
  /** Said before the waiting question is asked again, after a question in between was answered. */
  backTo: (title: string) => `接着刚才的「${title}」：`,
  /** Said when a person answers an errand they left longer than the default expiry (a kept draft). */
  backAfter: (title: string, about: string | null, since: string) => `接着您${since}没办完的「${title}」${about ? `（${about}）` : ''}：`,
  pendingNote: (title: string) => `您之前的「${title}」还没办完，发送“继续”可接着办。`,
  resumed: (title: string) => `好的，接着办「${title}」：`,
  alreadyIn: (title: string) => `您正在「${title}」中：`,
  nothingToResume: '没有可以继续的事项。发送“帮助”查看可以办的事。',
  expired: (title: string, after: string) => `「${title}」已经${after}没有回复，已自动结束。需要时请重新开始。`,
  reset: (title: string) => `系统已更新，「${title}」需要重新开始，请重新发送命令。`,
  apology: '抱歉，处理这条消息时出了问题，已经记录下来。请稍后再试，或发送“帮助”。',
  flowFailed: (code: string) => `抱歉，这件事没有办成（${code}）。请检查后重试，或发送“帮助”。`,
  /** Added to a question the first time it is asked, unless it already says how to leave. */
  leaveHint: '（回复“取消”可退出）',
  thanks: '不客气！有事随时说。',
  here: '在的，请说。想看能办的事，发送“帮助”。',
  noted: '好的。有事随时说。',
  cheer: '您也辛苦了！有事随时说。',
  wait: '好的，不着急，想好了直接回复就行。',
  /** A menu number out of range, or typed with no menu shown. */
  noSuchItem: (n: number, max: number) => (max === 1 ? `只有1项可选，请回复“1”或直接说要办的事。` : `没有第${n}项，请回复1到${max}之间的数字。`),
};

// “算了”, “不弄了” said alone leave the errand as “取消” does (never part of a longer answer).
const CANCEL = ['取消', '退出', '算了', '算了吧', '不弄了', '不报了', '不填了', '不办了', '不登记了'];
/**
 * Leaving said in more words: “算了 先不报了”, “我不登记了”, “算了吧 以后再说” — a 算了/取消 and a
 * 不…了 of the errand, or a 算了 that puts it off; nothing else in the message.
 */
const LEAVING = /^(?:(?:算了|取消|退出)(?:吧|啊)?)?(?:我|俺)?(?:先|暂时|今天|还是)?不(?:弄|报|填|办|登记|申报|排查|录|搞|做)了(?:吧|啦|啊)?$|^(?:算了|取消)(?:吧|啊)?(?:以后再说|回头再说|下次再说|改天再说|先不弄)$/;
const RESUME = ['继续'];
/**
 * Words that refer back to an unfinished errand ("俺回来了，刚才说到哪了", "接着说") — said alone:
 * "继续住院治疗" is an answer, not a request to resume.
 */
const REFERS_BACK = /^(?:继续|接着)(?:吧|啊|呀|了|说|填|报|办|来|申报|刚才的|上次的)*$|刚才(?:说|问|填|报)?到哪|说到哪|(?:俺|我)回来了|上次(?:没|没有)?(?:说完|填完|报完)|(?:还没|没有?)(?:说完|填完|报完|弄完)$|^(?:[\u4e00-\u9fa5]{0,4}(?:吃完饭|忙完|回来)了?)(?:继续|接着)(?:吧|说|报|填)?$/;

/** "取消" / "退出。" → 'cancel', "继续" → 'resume'; anything else null. */
export function commandWord(text: string): 'cancel' | 'resume' | null {
  const t = text.trim().replace(/[。.!！~～\s]+$/u, '');
  if (CANCEL.includes(t) || LEAVING.test(t.replace(/[，,。.!！\s]+/gu, ''))) return 'cancel';
  if (RESUME.includes(t)) return 'resume';
  return null;
}

/** Whether the text refers back to an errand left unfinished (only meaningful when one is open). */
export function refersBack(text: string): boolean {
  const t = text.trim().replace(/[，,。.!！~～?？\s]+/gu, '');
  return t.length <= 20 && REFERS_BACK.test(t);
}

type Courtesy = 'thanks' | 'here' | 'noted' | 'cheer' | 'wait';
// “等一下”, “稍等 我问问我儿子”: the person needs a moment; nothing is answered yet.
const WAIT = /^(?:你|您)?(?:先)?(?:等一下|等一等|等等|稍等|等会儿?|等下|等我一下)(?:啊|哈|吧|哦)?(?:[,，\s]*(?:我|俺)(?:先)?(?:去)?(?:问问|问一下|想想|想一下|找找|找一下|看看|看一下|查查|查一下|翻翻|商量一下|商量商量)[\u4e00-\u9fa5]{0,8})?$/;
/** Words that say a message was noted (“好的”, “收到”). */
const NOTED = '好的|好|嗯|嗯嗯|哦|噢|行|收到|知道了?|明白了?|晓得了?|了解了?|ok';
const COURTESY: Array<[RegExp, Courtesy]> = [
  [/^(?:谢谢|多谢|谢了|感谢|谢谢你|谢谢您|谢谢啦|太感谢了|非常感谢)/, 'thanks'],
  [/^(?:在吗|在不在|有人吗|有人在吗)$/, 'here'],
  [new RegExp(`^(?:${NOTED})+$`, 'i'), 'noted'],
  [/^(?:辛苦了|辛苦|辛苦啦|您辛苦了|你们辛苦了)$/, 'cheer'],
];

/**
 * A courtesy word said alone ("谢谢", "在吗", "好的", "辛苦了"): its kind, else null. "好的" and
 * "收到" may answer a question, so a waiting flow gets them first (see the router).
 */
export function courtesyOf(text: string): Courtesy | null {
  const t = text.trim().replace(/[，,。.!！~～?？\s啊呀哈啦了]+$/gu, '').replace(/[，,\s]+/g, '');
  if (WAIT.test(t)) return 'wait';
  if (!t || t.length > 8) return null;
  const kind = COURTESY.find(([re]) => re.test(t))?.[1] ?? null;
  if (kind) return kind;
  // “好的 谢谢”, “收到 辛苦了”: noted, then thanked — the thanks is what is said.
  const after = t.replace(NOTED_FIRST, '');
  if (after === t || after === '') return null;
  const then = COURTESY.find(([re]) => re.test(after))?.[1] ?? null;
  return then === 'thanks' || then === 'cheer' ? then : null;
}

const NOTED_FIRST = new RegExp(`^(?:${NOTED})+`, 'i');

/** Courtesy words that never answer a question: they are answered even while a flow waits. */
export const NEVER_AN_ANSWER: readonly Courtesy[] = ['thanks', 'here', 'cheer', 'wait'];

/** A typed menu number ("1", "２", "一", "第2项"), else null. */
export function typedNumber(text: string): number | null {
  const t = text.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/^第/, '').replace(/[个项条号.。、)）\s]+$/u, '');
  if (/^\d{1,2}$/.test(t)) return Number(t);
  const i = '一二三四五六七八九十'.indexOf(t);
  return t.length === 1 && i >= 0 ? i + 1 : null;
}

/** Whether `a` and `b` (same length) differ in exactly one character: a typo ("申保困难"). */
export function oneTypoApart(a: string, b: string): boolean {
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length !== y.length || x.length < 3) return false;
  return x.filter((c, i) => c !== y[i]).length === 1;
}

/** When an errand was left, as said on coming back to it: “50分钟前”, “3小时前”, “昨天”, “2天前” (Asia/Shanghai days). */
export function sinceWords(then: number, now: number): string {
  const day = (t: number) => Math.floor((t + 8 * 3_600_000) / 86_400_000);
  const days = day(now) - day(then);
  if (days === 1) return '昨天';
  if (days > 1) return `${days}天前`;
  const minutes = Math.floor((now - then) / 60_000);
  return minutes < 60 ? `${minutes}分钟前` : `${Math.floor(minutes / 60)}小时前`;
}

/** Human words for a span: "30分钟", "7天". */
export function spanWords(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes >= 1440 && minutes % 1440 === 0) return `${minutes / 1440}天`;
  if (minutes >= 60 && minutes % 60 === 0) return `${minutes / 60}小时`;
  return `${minutes}分钟`;
}
