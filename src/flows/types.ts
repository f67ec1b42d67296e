/**
 * The contract between the dispatcher (src/bot) and the conversations (src/flows).
 *
 * A flow is pure: `step(state, input, env)` returns the next state and a list of effects as
 * data. It never sends, writes or reads the clock; the dispatcher loads the state, steps, saves
 * the state and performs the domain commands in one transaction, then delivers the replies.
 *
 * @example
 *   const r = await helpFlow.start({ type: 'text', text: '帮助' }, env);
 *   // r = { status: 'done', effects: [{ type: 'reply', reply: { type: 'text', text: '…' } }] }
 */
import type { Jurisdiction, Role } from '../domain/roles.js';
import type { Command } from './commands.js';
import type { FlowData } from './data.js';

/** The door a message came through: the internal app (staff) or 微信客服 (farmers). */
export type Channel = 'app' | 'kf';

export interface Sender {
  channel: Channel;
  /** UserID (app) or external_userid (kf). */
  id: string;
  /** The kf account the farmer wrote to (kf only). */
  openKfId?: string;
}

/** The staff member behind an app sender, from the roster; null when not on the roster. */
export interface StaffActor {
  userId: string;
  name: string;
  role: Role;
  jurisdiction: Jurisdiction;
}

export interface Actor {
  sender: Sender;
  staff: StaffActor | null;
}

export type Input =
  | { type: 'text'; text: string; menuId?: string }
  /** A template-card button or selection (app). */
  /** A template-card button pressed; `responseCode` (single use) lets the card be updated. */
  | { type: 'card'; taskId: string; eventKey: string; selected?: string[]; responseCode?: string }
  /** subscribe, enter_agent, click, enter_session (kf, with scene), … */
  | { type: 'event'; event: string; key?: string; scene?: string }
  | { type: 'file'; msgType: 'file' | 'image' | 'voice' | 'video'; mediaId: string; fileName?: string }
  /** A timer row fell due (expiry, reminder). */
  | { type: 'timeout'; key: string; payload?: unknown }
  | { type: 'unsupported'; msgType: string };

export interface CardButton {
  key: string;
  text: string;
  /** 1 primary (blue), 2 default. */
  style?: 1 | 2;
}

/** A template card with buttons (app only; farmers never see cards). */
export interface ButtonCard {
  kind: 'button_interaction';
  taskId: string;
  title: string;
  desc?: string;
  /** Key/value lines shown on the card. */
  lines?: Array<{ key: string; value: string }>;
  buttons: CardButton[];
}

export type Reply =
  | { type: 'text'; text: string }
  /** Markdown for the app; `fallback` is plain text for clients that cannot render it. */
  | { type: 'markdown'; markdown: string; fallback: string }
  /** kf `msgmenu` for farmers; rendered as a numbered text list on the app. */
  | { type: 'menu'; head: string; items: Array<{ id: string; label: string }>; tail?: string }
  | { type: 'card'; card: ButtonCard; fallback: string }
  | { type: 'file'; fileName: string; contentBase64: string }
  | { type: 'image'; fileName: string; contentBase64: string }
  /** The pressed card's buttons replaced by one label (“已选：是”), through the press's single-use code. */
  | { type: 'card_update'; responseCode: string; replaceName: string };

export type Effect =
  /** To whoever sent the input. */
  | { type: 'reply'; reply: Reply }
  /** To someone else (e.g. tell the grid worker about a new declaration). */
  | { type: 'send'; to: Sender; reply: Reply }
  /** Schedule (or move) the timer `key`; it comes back as `{type:'timeout', key}`. */
  | { type: 'timer'; key: string; dueAt: number; payload?: unknown }
  | { type: 'cancelTimer'; key: string }
  /** A domain write (declared in ./commands.ts), performed by the dispatcher in the same transaction as the state. */
  | { type: 'command'; command: Command }
  /**
   * The answer just given, kept for `keepMs` for a follow-up that names only what changed
   * (“凉水井村的呢”): the dispatcher keeps it with the conversation as a `Recall` of this flow.
   */
  | { type: 'remember'; data: Record<string, unknown>; keepMs: number };

/**
 * The last answer a flow asked to be remembered (Effect `remember`), as the dispatcher keeps it in
 * the conversation row: which flow, its version, what it answered (`data`), when, and until when it
 * may be followed up. Any other flow's answer replaces it (with its own or with none).
 */
export interface Recall {
  flow: string;
  v: number;
  data: Record<string, unknown>;
  at: number;
  until: number;
}

/** Conversation state: plain, versioned JSON, readable in the database. */
export interface ConversationState {
  flow: string;
  v: number;
  node: string;
  data: Record<string, unknown>;
  /** Epoch ms when the flow started waiting for this answer. */
  waitingSince: number;
}

export type StepResult =
  | { status: 'waiting'; state: ConversationState; effects: Effect[] }
  | { status: 'done'; effects: Effect[] }
  | { status: 'failed'; error: { code: string; message: string }; effects: Effect[] };

export interface Env {
  /** Epoch ms, frozen in tests. */
  now: number;
  tz: string;
  actor: Actor;
  /** A fresh id (reference numbers, task ids). */
  newId: (prefix: string) => string;
  /** What flows may read (src/flows/data.ts), answering within this actor's jurisdiction only. */
  data: FlowData;
}

export interface Flow<E extends Env = Env> {
  name: string;
  /** What people call it (「排查一般户」), used when the dispatcher speaks about the flow; defaults to `name`. */
  title?: string;
  version: number;
  /**
   * How long the conversation is kept waiting for an answer when it is this flow's (default: the
   * dispatcher's 30 minutes). A farmer's unfinished declaration is kept for days, as a draft.
   */
  keepMs?: number;
  /**
   * What the waiting errand is about (“马有福户”), said with the line that takes it up again when
   * the person comes back after the dispatcher's default expiry (a flow kept longer by `keepMs`).
   */
  about?(state: ConversationState): string | null;
  /** Whether this input starts the flow (when no flow is waiting). */
  matches(input: Input, env: E): boolean;
  /**
   * Whether this input starts the flow while another flow waits for an answer (default: `matches`).
   * Narrower where words that start the flow on their own would, inside another errand, be that
   * errand's answer (“不对，是电话问的” corrects the record just made only when nothing else is asked).
   */
  interrupts?(input: Input, env: E): boolean;
  /**
   * While this flow waits: whether it reads `input` as its own answer even though another flow
   * would take it too (a 研判会 verdict that names a household and its risk reads like a new
   * screening report). Default: another flow that takes the input interrupts.
   */
  keeps?(state: ConversationState, input: Input, env: E): boolean;
  start(input: Input, env: E): Promise<StepResult> | StepResult;
  /**
   * With nothing waiting and this flow's answer remembered (`recall`, not yet expired): the answer
   * to a follow-up that names only what changed (“凉水井村的呢”, “上周的呢”), or null when `input`
   * is not one — then the flows are tried as usual. Tried before every flow's `matches`.
   */
  followUp?(recall: Recall, input: Input, env: E): Promise<StepResult | null> | StepResult | null;
  step(state: ConversationState, input: Input, env: E): Promise<StepResult> | StepResult;
}
