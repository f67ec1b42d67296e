/**
 * Sandbox mode, assembled: the fake WeCom runs in this process on an ephemeral port with fresh
 * credentials; the bot's API client (and so its outbox sender and 微信客服 pulls) points at it;
 * and the page's actions go through `CallbackSender` — signed, encrypted callbacks POSTed to the
 * bot's own /wecom/callback, retried like WeCom. Nothing takes a shortcut around the real path.
 *
 * @example
 *   const sandbox = await Sandbox.start({ db, log, people: () => listPeople(db, DEMO_FARMERS) });
 *   // main: createEdge({ wecom: sandbox.wecom, api: sandbox.api, … }); sandbox.mount(app); listen …
 *   sandbox.started(port);                              // callbacks go to 127.0.0.1:port
 *   await sandbox.act('wangwu', { type: 'say', text: '帮助' });
 *   sandbox.chat.since('wangwu', 0);                    // what wangwu did and received
 *   await sandbox.stop();
 */
import type Koa from 'koa';
import type { Logger } from '../log.js';
import { CallbackSender, FakeWeCom, type CallbackResult } from '../fake-wecom/index.js';
import { HttpWeComApi } from '../wecom/api.js';
import { ChatLog, type ChatItem } from './chat-log.js';
import type { SandboxPerson } from './person.js';
import { sandboxRouter } from './routes.js';
import { generateCredentials, type SandboxCredentials } from './settings.js';

export type SandboxAction =
  | { type: 'say'; text: string }
  /** A template-card button (staff). */
  | { type: 'click'; taskId: string; key: string }
  /** A 微信客服 msgmenu item (farmers). */
  | { type: 'choose'; menuId: string }
  /** Opening the chat: a farmer scans their village's QR code; staff open the app. */
  | { type: 'enter' };

export type ActResult =
  | { ok: true; attempts: number; item: ChatItem }
  | { ok: false; status: 400 | 404 | 503; error: string };

export interface SandboxOptions {
  log: Logger;
  /** Everyone one can be on the page (read at each request, so roster changes show). */
  people: () => Promise<SandboxPerson[]>;
  credentials?: SandboxCredentials;
  /** How long WeCom waits for the bot's HTTP 200 before trying again (5 s in WeCom). */
  callbackTimeoutMs?: number;
  /** Where the sandbox line goes (default: stdout). */
  print?: (line: string) => void;
  /** Said at start, e.g. why the configured database is not used. */
  notices?: string[];
}

/** The longest text a person may type (WeCom's own limit is 2048 bytes of UTF-8). */
export const MAX_TEXT_CHARS = 2000;

export class Sandbox {
  readonly chat: ChatLog;
  readonly api: HttpWeComApi;
  private sender: CallbackSender | null = null;
  private pageUrl = '';

  private constructor(
    readonly fake: FakeWeCom,
    private readonly creds: SandboxCredentials,
    private readonly opts: SandboxOptions,
  ) {
    this.chat = new ChatLog(fake.state);
    this.api = new HttpWeComApi({ apiBase: fake.apiBase, corpId: creds.corpId, agentId: creds.agentId, secret: creds.secret });
  }

  /** Starts the fake WeCom (any free port on 127.0.0.1). */
  static async start(opts: SandboxOptions): Promise<Sandbox> {
    const creds = opts.credentials ?? generateCredentials();
    const fake = new FakeWeCom({ corpId: creds.corpId, agentId: creds.agentId, secret: creds.secret });
    await fake.start();
    return new Sandbox(fake, creds, opts);
  }

  /** The credentials the bot verifies and decrypts callbacks with (the fake signs with the same). */
  get wecom(): { corpId: string; token: string; aesKey: string } {
    return { corpId: this.creds.corpId, token: this.creds.token, aesKey: this.creds.aesKey };
  }

  get url(): string {
    return this.pageUrl;
  }

  /** Adds /sandbox (the page) and /sandbox/api/… to the bot's app. */
  mount(app: Koa): void {
    const router = sandboxRouter(this);
    app.use(router.routes());
    app.use(router.allowedMethods());
  }

  /** The bot listens on `port`: callbacks now go there, and the page's address is known. */
  started(port: number): void {
    this.sender = new CallbackSender(this.fake.state, {
      url: `http://127.0.0.1:${port}/wecom/callback`,
      token: this.creds.token,
      encodingAesKey: this.creds.aesKey,
      timeoutMs: this.opts.callbackTimeoutMs ?? 5000,
    });
    this.pageUrl = `http://localhost:${port}/sandbox`;
    const print = this.opts.print ?? ((line: string) => process.stdout.write(`${line}\n`));
    for (const notice of this.opts.notices ?? []) print(notice);
    print(`守望运行在沙盒模式：未配置企业微信，使用演示城市和模拟企业微信。请用浏览器打开 ${this.pageUrl} 试用。`);
    print(`Shouwang is running in sandbox mode (no WeCom credentials): demo city, simulated WeCom. Open ${this.pageUrl} to try it.`);
    this.opts.log.info({ sandbox: true, page: this.pageUrl, fakeWeCom: this.fake.apiBase }, '沙盒模式 / sandbox mode');
  }

  async stop(): Promise<void> {
    this.sender = null;
    await this.fake.stop();
  }

  people(): Promise<SandboxPerson[]> {
    return this.opts.people();
  }

  async person(id: string): Promise<SandboxPerson | null> {
    return (await this.opts.people()).find((p) => p.id === id) ?? null;
  }

  /** Does what a person did on the page, through the real callback path; resolves once WeCom would stop retrying. */
  async act(personId: string, action: SandboxAction): Promise<ActResult> {
    const sender = this.sender;
    if (!sender) return { ok: false, status: 503, error: '沙盒还在启动，请稍后再试' };
    const p = await this.person(personId);
    if (!p) return { ok: false, status: 404, error: '名单里没有这个人，请刷新页面重新选择' };
    const planned = this.plan(p, action, sender);
    if ('error' in planned) return { ok: false, status: 400, error: planned.error };
    const item = this.chat.personDid(p.id, planned.record);
    const r = await planned.send();
    if (!r.ok) {
      this.chat.notice(p.id, `守望没有应答这条消息（企业微信等了${r.attempts}次，每次${Math.round((this.opts.callbackTimeoutMs ?? 5000) / 1000)}秒）。请稍后再试。`);
      this.opts.log.warn({ person: p.id, attempts: r.attempts, status: r.status }, '沙盒：回调未得到应答');
    }
    return { ok: true, attempts: r.attempts, item };
  }

  private plan(p: SandboxPerson, action: SandboxAction, sender: CallbackSender): { record: Parameters<ChatLog['personDid']>[1]; send: () => Promise<CallbackResult> } | { error: string } {
    const farmer = p.channel === 'kf';
    switch (action.type) {
      case 'say': {
        const text = action.text.trim();
        if (text === '') return { error: '消息不能为空' };
        if (Array.from(text).length > MAX_TEXT_CHARS) return { error: `消息太长（最多${MAX_TEXT_CHARS}个字）` };
        return { record: { kind: 'text', text }, send: () => (farmer ? sender.farmerSays(p.id, text) : sender.userSays(p.id, text)) };
      }
      case 'click': {
        if (farmer) return { error: '农户在微信里看不到卡片按钮（卡片只在企业微信里显示）' };
        const card = this.chat.since(p.id, 0).find((i) => i.kind === 'card' && i.card?.taskId === action.taskId)?.card;
        const button = card?.buttons.find((b) => b.key === action.key);
        if (!card || !button) return { error: '这张卡片或按钮不存在' };
        return { record: { kind: 'click', text: button.text, taskId: card.taskId }, send: () => sender.userClicks(p.id, card.taskId, button.key) };
      }
      case 'choose': {
        if (!farmer) return { error: '菜单点选只用于农户（微信客服）；工作人员请直接输入文字' };
        const item = this.chat
          .since(p.id, 0)
          .flatMap((i) => i.menu?.items ?? [])
          .find((m) => m.id === action.menuId);
        if (!item) return { error: '这个菜单项不存在' };
        return { record: { kind: 'choice', text: item.label }, send: () => sender.farmerSays(p.id, item.label, { menuId: item.id }) };
      }
      case 'enter':
        if (farmer) return { record: { kind: 'enter', text: '扫码进入了微信客服' }, send: () => sender.farmerEnters(p.id, p.scene ?? '') };
        return { record: { kind: 'enter', text: '打开了守望应用' }, send: () => sender.userEvent(p.id, 'enter_agent') };
    }
  }
}
