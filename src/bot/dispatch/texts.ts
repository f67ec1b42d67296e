/**
 * What the dispatcher itself says (not any flow): leaving, resuming, expiry, apologies.
 * Short, polite, concrete; the words people can send back are in “”.
 */
export const texts = {
  cancelled: (title: string) => `已退出「${title}」。`,
  nothingToCancel: '当前没有正在办的事项。发送“帮助”查看可以办的事。',
  suspendedNote: (title: string) => `（「${title}」已暂停，办完这件后发送“继续”可接着办。）`,
  stillInNote: (title: string) => `（您还在「${title}」中，请接着回答上面的问题；发送“取消”可退出。）`,
  pendingNote: (title: string) => `您之前的「${title}」还没办完，发送“继续”可接着办。`,
  resumed: (title: string) => `好的，接着办「${title}」：`,
  alreadyIn: (title: string) => `您正在「${title}」中：`,
  nothingToResume: '没有可以继续的事项。发送“帮助”查看可以办的事。',
  expired: (title: string, minutes: number) => `「${title}」已经${minutes}分钟没有回复，已自动结束。需要时请重新开始。`,
  reset: (title: string) => `系统已更新，「${title}」需要重新开始，请重新发送命令。`,
  apology: '抱歉，处理这条消息时出了问题，已经记录下来。请稍后再试，或发送“帮助”。',
  flowFailed: (code: string) => `抱歉，这件事没有办成（${code}）。请检查后重试，或发送“帮助”。`,
};

const CANCEL = ['取消', '退出'];
const RESUME = ['继续'];

/** "取消" / "退出。" → 'cancel', "继续" → 'resume'; anything else null. */
export function commandWord(text: string): 'cancel' | 'resume' | null {
  const t = text.trim().replace(/[。.!！~～\s]+$/u, '');
  if (CANCEL.includes(t)) return 'cancel';
  if (RESUME.includes(t)) return 'resume';
  return null;
}
