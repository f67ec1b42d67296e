/**
 * The chats shown on the sandbox page: what each person did (typed, clicked, chose, opened the
 * chat) and what the fake WeCom delivered to them, in one sequence per process, so the page can
 * poll "everything after item N".
 *
 * Deliveries are copied from the fake's delivery log (and its log of silently dropped messages)
 * each time the log is read or a person acts, so an item's id orders it correctly against what
 * the person did: a reply delivered before a click gets a lower id than the click.
 *
 * @example
 *   const chat = new ChatLog(fake.state);
 *   chat.personDid('wangwu', { kind: 'text', text: '帮助' });
 *   chat.since('wangwu', 0);   // [{ id: 1, side: 'person', kind: 'text', text: '帮助' }, { id: 2, side: 'bot', … }]
 */
import type { Delivery, FakeWeComState } from '../fake-wecom/index.js';

export interface CardView {
  taskId: string;
  title: string;
  desc: string;
  lines: Array<{ key: string; value: string }>;
  buttons: Array<{ key: string; text: string; primary: boolean }>;
}

export interface MenuView {
  head: string;
  items: Array<{ id: string; label: string }>;
  tail: string;
}

export interface FileView {
  mediaId: string;
  name: string;
  size: number;
}

/** One bubble (or notice) of a chat; the page renders it by `kind`. */
export interface ChatItem {
  id: number;
  at: number;
  side: 'person' | 'bot' | 'system';
  kind: 'text' | 'markdown' | 'card' | 'card_update' | 'menu' | 'file' | 'image' | 'click' | 'choice' | 'enter' | 'notice';
  /** What a person reads (also the fallback for kinds the page cannot draw). */
  text: string;
  /** 'passive' (in the callback answer), 'api' (message/send, kf/send_msg) or 'welcome'. */
  via?: string;
  card?: CardView;
  menu?: MenuView;
  file?: FileView;
  /** card_update: the card whose button was replaced; click: the card clicked. */
  taskId?: string;
}

export type PersonAction = Pick<ChatItem, 'kind' | 'text' | 'taskId'>;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);

/** A delivery as a chat item (without id); `media` names and sizes an uploaded file. */
export function itemOfDelivery(d: Delivery, media: (id: string) => { fileName: string; size: number } | undefined): Omit<ChatItem, 'id'> {
  const base = { at: d.at, side: 'bot' as const, text: d.text, via: d.via };
  const c = obj(d.content);
  switch (d.msgtype) {
    case 'text':
      return { ...base, kind: 'text' };
    case 'markdown':
      return { ...base, kind: 'markdown' };
    case 'template_card': {
      const title = obj(c.main_title);
      const card: CardView = {
        taskId: str(c.task_id),
        title: str(title.title),
        desc: str(title.desc),
        lines: list(c.horizontal_content_list).map((l) => ({ key: str(l.keyname), value: str(l.value) })),
        buttons: list(c.button_list).map((b) => ({ key: str(b.key), text: str(b.text), primary: b.style !== 2 })),
      };
      return { ...base, kind: 'card', card, taskId: card.taskId };
    }
    case 'update_button':
      return { ...base, kind: 'card_update', taskId: str(c.task_id) };
    case 'msgmenu': {
      const menu: MenuView = {
        head: str(c.head_content),
        items: list(c.list).map((i) => ({ id: str(obj(i.click).id), label: str(obj(i.click).content) })),
        tail: str(c.tail_content),
      };
      return { ...base, kind: 'menu', menu };
    }
    case 'file':
    case 'image': {
      // API sends carry { media_id }; a passive reply carries the parsed XML (<Image><MediaId/>).
      const mediaId = str(c.media_id) || str(obj(c.Image).MediaId) || str(obj(c.File).MediaId);
      const m = media(mediaId);
      return { ...base, kind: d.msgtype, file: { mediaId, name: m?.fileName ?? '', size: m?.size ?? 0 } };
    }
    default:
      return { ...base, kind: 'text', text: d.text || `[${d.msgtype}]` };
  }
}

const DROP_REASON: Record<string, string> = {
  rate_minute: '超过每人每分钟30条的频率限制',
  rate_hour: '超过每人每小时1000条的频率限制',
  duplicate: '与刚发过的消息重复',
};

export class ChatLog {
  private readonly items: Array<ChatItem & { person: string }> = [];
  private seenDeliveries = 0;
  private seenDropped = 0;
  private seq = 0;

  constructor(private readonly state: FakeWeComState) {}

  /** Records what a person did (after copying in what they had received until now). */
  personDid(person: string, action: PersonAction): ChatItem {
    this.sync();
    return this.push(person, { at: this.state.now(), side: 'person', ...action });
  }

  /** A line from the sandbox itself (e.g. the bot did not answer the callback). */
  notice(person: string, text: string): ChatItem {
    this.sync();
    return this.push(person, { at: this.state.now(), side: 'system', kind: 'notice', text });
  }

  /** The items of `person` with an id greater than `after`, oldest first. */
  since(person: string, after: number): ChatItem[] {
    this.sync();
    return this.items.filter((i) => i.person === person && i.id > after).map(({ person: _p, ...item }) => item);
  }

  /** The task id of the card `person` clicked last (a passive update_button does not name it). */
  lastClickedTask(person: string): string | undefined {
    for (let i = this.items.length - 1; i >= 0; i--) {
      const it = this.items[i] as ChatItem & { person: string };
      if (it.person === person && it.kind === 'click') return it.taskId;
    }
    return undefined;
  }

  private push(person: string, item: Omit<ChatItem, 'id'>): ChatItem {
    const stored = { ...item, id: ++this.seq, person };
    this.items.push(stored);
    const { person: _p, ...rest } = stored;
    return rest;
  }

  private sync(): void {
    const deliveries = this.state.deliveries();
    for (const d of deliveries.slice(this.seenDeliveries)) {
      const item = itemOfDelivery(d, (id) => this.state.media.get(id));
      if (item.kind === 'card_update' && !item.taskId) item.taskId = this.lastClickedTask(d.to);
      this.push(d.to, item);
    }
    this.seenDeliveries = deliveries.length;
    for (const m of this.state.dropped.slice(this.seenDropped)) {
      const why = DROP_REASON[m.reason] ?? m.reason;
      this.push(m.to, { at: m.at, side: 'system', kind: 'notice', text: `企业微信没有投递一条消息（${why}），真实环境中对方收不到：${m.text}` });
    }
    this.seenDropped = this.state.dropped.length;
  }
}
