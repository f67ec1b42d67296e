/**
 * The sandbox API over HTTP (supertest against the running server), with the real main():
 * what the page posts goes to the fake WeCom's CallbackSender, signed and encrypted, to the bot's
 * own /wecom/callback; what the bot answers comes back through the fake's delivery log.
 */
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hooks, main, type Running } from '../../../src/main.js';
import { startSandbox, type Sandbox } from '../../../src/bot/sandbox/index.js';
import type { ChatItem } from '../../../src/bot/sandbox/chat-log.js';
import type { Database } from '../../../src/persistence/db.js';
import { InboundSchema } from '../../../src/persistence/schemas/inbound.js';
import { screeningsInRegion } from '../../../src/persistence/screenings.js';
import { shanghaiDay } from '../../../src/domain/shanghai-days.js';
import { OFFICIAL } from '../../helpers/edge-kit.js';
import { orm, createScratchDatabase } from '../../helpers/db.js';

async function until<T>(get: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const engine of ['sqlite', 'mariadb'] as const) {
  describe(`the sandbox API [${engine}]`, () => {
    let running: Running;
    let sandbox: Sandbox;
    let db: Database;
    let drop: () => Promise<void>;
    let api: ReturnType<typeof supertest>;
    const printed: string[] = [];

    beforeAll(async () => {
      const scratch = await createScratchDatabase(engine);
      drop = scratch.drop;
      running = await main(
        { PORT: '0', LOG_LEVEL: 'silent' },
        {
          ...hooks,
          // The product forces SQLite; here the same code runs on each engine of the suite.
          sandboxDatabase: () => ({ url: scratch.url, notice: null }),
          sandbox: async (ctx) => {
            db = ctx.db;
            return (sandbox = await startSandbox({ ...ctx, print: (l) => printed.push(l) }));
          },
        },
      );
      api = supertest(running.server);
    });

    afterAll(async () => {
      await running?.shutdown();
      await drop?.();
    });

    const messages = async (person: string, after = 0): Promise<ChatItem[]> => (await api.get('/sandbox/api/messages').query({ person, after }).expect(200)).body.items;
    /** GETs a download, its body as bytes. */
    const download = (path: string) =>
      api
        .get(path)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
    const botItem = (person: string, after: number, kind?: string) =>
      until(async () => (await messages(person, after)).find((i) => i.side === 'bot' && (kind === undefined || i.kind === kind)));

    it('prints the sandbox line with the page’s address', () => {
      expect(printed.join('\n')).toContain(`守望运行在沙盒模式`);
      expect(printed.join('\n')).toContain(`sandbox mode`);
      expect(printed.join('\n')).toContain(`http://localhost:${running.port}/sandbox`);
    });

    it('serves the page', async () => {
      const res = await api.get('/sandbox').expect(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.text).toContain('守望 · 沙盒');
    });

    it('serves its own Chinese font, so the page reads right on a machine without Chinese fonts', async () => {
      const res = await api.get('/sandbox').expect(200);
      expect(res.headers['content-security-policy']).toContain("font-src 'self'");
      const file = /url\(\/sandbox\/fonts\/([^)]+\.woff2)\)/.exec(res.text)?.[1];
      expect(file).toMatch(/^noto-sans-sc-[\w-]+-400-normal\.woff2$/);
      const font = await api.get(`/sandbox/fonts/${file}`).expect(200);
      expect(font.headers['content-type']).toBe('font/woff2');
      expect(Buffer.from(font.body as Buffer).subarray(0, 4).toString('latin1')).toBe('wOF2');
      await api.get('/sandbox/fonts/noto-sans-sc-999-400-normal.woff2').expect(404);
      await api.get('/sandbox/fonts/..%2F400.css').expect(404);
      await api.get('/sandbox/fonts/package.json').expect(404);
    });

    it('lists everyone of the demo city by role, farmers first, with their place and something to try', async () => {
      const { groups } = (await api.get('/sandbox/api/people').expect(200)).body;
      expect(groups.map((g: { label: string }) => g.label)).toEqual(['农户', '网格员', '村干部', '排查小组成员', '镇街干部', '市乡村振兴局', '行业部门', '管理员']);
      const all = groups.flatMap((g: { people: unknown[] }) => g.people);
      expect(all.find((p: { id: string }) => p.id === 'liuhaiyan')).toMatchObject({ name: '刘海燕', channel: 'app', where: '示范市 高家堡镇 石门村 第1网格', hints: expect.arrayContaining(['帮助', '排查 贺永胜 入户 无风险 了解政策']) });
      expect(all.find((p: { id: string }) => p.id === 'wmDemoFarmer01')).toMatchObject({ channel: 'kf', where: '示范市 高家堡镇 石门村', note: '户籍在册，已绑定本户', scene: '999900101201' });
      expect(all.find((p: { id: string }) => p.id === 'zhaolei')).toMatchObject({ roleLabel: '镇街干部', where: '示范市 高家堡镇', hints: expect.arrayContaining(['高家堡镇进度']) });
    });

    it('a grid worker says 帮助 and gets the role menu (sent through the API: the callback does not wait)', async () => {
      const res = await api.post('/sandbox/api/say').send({ person: 'liuhaiyan', text: '帮助' }).expect(200);
      expect(res.body).toMatchObject({ ok: true, attempts: 1, item: { side: 'person', kind: 'text', text: '帮助' } });
      const reply = await botItem('liuhaiyan', res.body.item.id);
      expect(reply).toMatchObject({ kind: 'text', via: 'api' });
      expect(reply.text).toMatch(/^您好，刘海燕（网格员）。您可以对我说：/);
      const stored = await orm(db).getRepository(InboundSchema).findOne({ where: { sender: 'liuhaiyan', msgType: 'text' } });
      expect(stored?.message).toMatchObject({ Content: '帮助' });
    });

    it('a grid worker of the demo city screens an unscreened household of their grid in one line', async () => {
      const grid = { level: 'grid' as const, code: '999900101201-01' };
      const campaign = shanghaiDay(Date.now()).slice(0, 4);
      const before = await screeningsInRegion(db.manager, campaign, grid);
      const res = await api.post('/sandbox/api/say').send({ person: 'liuhaiyan', text: '排查 贺永胜 入户 无风险 了解政策' }).expect(200);
      expect((await botItem('liuhaiyan', res.body.item.id)).text).toContain('贺永胜');
      const after = await screeningsInRegion(db.manager, campaign, grid);
      expect(after.length).toBe(before.length + 1);
      expect(after.at(-1)).toMatchObject({ form: 'general', screener: 'liuhaiyan', answers: { method: 'home_visit', riskFound: false, knowsPolicy: true } });
    });

    it('a farmer says 帮助 through 微信客服, gets the clickable menu, and clicks an item', async () => {
      const said = await api.post('/sandbox/api/say').send({ person: 'wmDemoFarmer01', text: '帮助' }).expect(200);
      const menu = await botItem('wmDemoFarmer01', said.body.item.id, 'menu');
      expect(menu).toMatchObject({ via: 'api', menu: { items: expect.arrayContaining([{ id: 'declare', label: '申报困难' }]) } });
      const chose = await api.post('/sandbox/api/menu').send({ person: 'wmDemoFarmer01', menuId: 'declare' }).expect(200);
      expect(chose.body.item).toMatchObject({ kind: 'choice', text: '申报困难' });
      await botItem('wmDemoFarmer01', chose.body.item.id);
      const queued = sandbox.fake.state.kfQueues.get('wkShouwangKf') ?? [];
      expect(queued.at(-1)).toMatchObject({ external_userid: 'wmDemoFarmer01', text: { content: '申报困难', menu_id: 'declare' } });
    });

    it('the demo farmer bound to her household asks where her declaration stands, and is told', async () => {
      const res = await api.post('/sandbox/api/say').send({ person: 'wmDemoFarmer01', text: '我的申报到哪一步了' }).expect(200);
      const reply = await botItem('wmDemoFarmer01', res.body.item.id);
      expect(reply).toMatchObject({ kind: 'text', via: 'api' });
      expect(reply.text).toContain('SBDEMO01');
    });

    it('a town official of the demo city asks for the town’s progress and exports 附件1 as a file', async () => {
      const asked = await api.post('/sandbox/api/say').send({ person: 'zhaolei', text: '高家堡镇进度' }).expect(200);
      const answer = await botItem('zhaolei', asked.body.item.id);
      expect(answer.kind).toBe('markdown');
      expect(answer.text).toContain('高家堡镇');
      expect(answer.text).toMatch(/石门村.*\d+\/11户/);
      const exported = await api.post('/sandbox/api/say').send({ person: 'zhaolei', text: '导出附件1' }).expect(200);
      const file = await botItem('zhaolei', exported.body.item.id, 'file');
      expect(file.file?.name).toContain('附件1');
      const xlsx = await download(`/sandbox/api/media/${file.file!.mediaId}`);
      expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    });

    it('a card button the bot sent is clickable; the click reaches the bot as a signed template_card_event', async () => {
      await sandbox.api.sendMessage({ touser: 'zhaolei', msgtype: 'template_card', template_card: { card_type: 'button_interaction', main_title: { title: '周报确认' }, task_id: 'wk_demo_1', button_list: [{ text: '确认上报', style: 1, key: 'confirm' }] } });
      const card = await botItem('zhaolei', 0, 'card');
      expect(card.card).toMatchObject({ taskId: 'wk_demo_1', buttons: [{ key: 'confirm', text: '确认上报', primary: true }] });
      await api.post('/sandbox/api/click').send({ person: 'zhaolei', taskId: 'wk_demo_1', key: 'nope' }).expect(400, { error: '这张卡片或按钮不存在' });
      const clicked = await api.post('/sandbox/api/click').send({ person: 'zhaolei', taskId: 'wk_demo_1', key: 'confirm' }).expect(200);
      expect(clicked.body).toMatchObject({ ok: true, attempts: 1, item: { kind: 'click', text: '确认上报', taskId: 'wk_demo_1' } });
      const row = await orm(db).getRepository(InboundSchema).findOne({ where: { sender: 'zhaolei', msgType: 'event' } });
      expect(row?.message).toMatchObject({ Event: 'template_card_event', TaskId: 'wk_demo_1', EventKey: 'confirm' });
    });

    it('a pressed question card shows what was pressed (update_template_card with the click’s code), then the next question comes', async () => {
      const asked = await api.post('/sandbox/api/say').send({ person: 'lihongmei', text: '回头看 郭保平' }).expect(200);
      const card = await botItem('lihongmei', asked.body.item.id, 'card');
      expect(card.card?.buttons.map((b) => b.text)).toEqual(['是', '否']);
      const clicked = await api.post('/sandbox/api/click').send({ person: 'lihongmei', taskId: card.card!.taskId, key: 'yes' }).expect(200);
      const update = await botItem('lihongmei', clicked.body.item.id, 'card_update');
      expect(update).toMatchObject({ taskId: card.card!.taskId, text: '已选：是' });
      const next = await botItem('lihongmei', clicked.body.item.id, 'card');
      expect(next.card?.desc).toBe('帮扶措施是否落实？');
      expect(next.id).toBeGreaterThan(update.id);
      const row = await orm(db).getRepository(InboundSchema).findOne({ where: { sender: 'lihongmei', msgType: 'event' } });
      expect(row?.message).toMatchObject({ Event: 'template_card_event', TaskId: card.card!.taskId, ResponseCode: expect.any(String) });
    });

    it('a file the bot sent can be downloaded from the fake’s media store, under its own name', async () => {
      const bytes = Buffer.from('PK\u0003\u0004 附件1 演示');
      const { media_id } = await sandbox.api.uploadMedia('file', '附件1-进度统计表.xlsx', bytes);
      await sandbox.api.sendMessage({ touser: 'chenjing', msgtype: 'file', file: { media_id } });
      const item = await botItem('chenjing', 0, 'file');
      expect(item.file).toEqual({ mediaId: media_id, name: '附件1-进度统计表.xlsx', size: bytes.length });
      const res = await download(`/sandbox/api/media/${media_id}`);
      expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
      expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('附件1-进度统计表.xlsx')}`);
      await api.get('/sandbox/api/media/3nosuchmedia').expect(404);
    });

    it('opening the chat: a farmer scans the village QR code (enter_session with the village as scene)', async () => {
      const res = await api.post('/sandbox/api/enter').send({ person: 'wmDemoFarmer02' }).expect(200);
      expect(res.body.item).toMatchObject({ kind: 'enter', text: '扫码进入了微信客服' });
      const queued = sandbox.fake.state.kfQueues.get('wkShouwangKf') ?? [];
      expect(queued.at(-1)).toMatchObject({ msgtype: 'event', event: { event_type: 'enter_session', external_userid: 'wmDemoFarmer02', scene_param: '999900101202' } });
      // Greeted once through the welcome code, with the village the poster names.
      const welcome = await botItem('wmDemoFarmer02', res.body.item.id, 'menu');
      expect(welcome.via).toBe('welcome');
      expect(welcome.text).toContain('枣林村');
    });

    it.each([
      ['say', { person: 'nobody', text: '帮助' }, 404, '名单里没有这个人，请刷新页面重新选择'],
      ['say', { person: 'liuhaiyan', text: '   ' }, 400, '消息不能为空'],
      ['say', { person: 'liuhaiyan', text: '字'.repeat(2001) }, 400, '消息太长（最多2000个字）'],
      ['say', { text: '帮助' }, 400, '请先选择一个人'],
      ['click', { person: 'wmDemoFarmer01', taskId: 't', key: 'k' }, 400, '农户在微信里看不到卡片按钮（卡片只在企业微信里显示）'],
      ['menu', { person: 'liuhaiyan', menuId: 'declare' }, 400, '菜单点选只用于农户（微信客服）；工作人员请直接输入文字'],
      ['menu', { person: 'wmDemoFarmer03', menuId: 'declare' }, 400, '这个菜单项不存在'],
    ])('refuses %s %j with a clear reason', async (kind, body, status, error) => {
      await api.post(`/sandbox/api/${kind}`).send(body).expect(status, { error });
    });

    it('refuses a body that is not JSON, and a bad cursor', async () => {
      await api.post('/sandbox/api/say').set('content-type', 'application/json').send('{nope').expect(400, { error: '请求格式不对（应为 JSON）' });
      await api.get('/sandbox/api/messages').query({ person: 'liuhaiyan', after: '-1' }).expect(400);
      await api.get('/sandbox/api/messages').query({ person: 'nobody' }).expect(404);
    });
  });
}

describe('outside sandbox mode', () => {
  it('without credentials and without the sandbox hook: no /sandbox, and the callback answers 503', async () => {
    const scratch = await createScratchDatabase('sqlite');
    const running = await main({ PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: scratch.url }, { ...hooks, sandbox: undefined }, { migrate: true });
    try {
      const api = supertest(running.server);
      await api.get('/sandbox').expect(404);
      await api.post('/wecom/callback').send('<xml/>').expect(503);
    } finally {
      await running.shutdown();
      await scratch.drop();
    }
  });

  it('with credentials there is no /sandbox at all', async () => {
    const scratch = await createScratchDatabase('sqlite');
    const running = await main({ PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: scratch.url, WECOM_CORP_ID: OFFICIAL.corpId, WECOM_TOKEN: OFFICIAL.token, WECOM_AES_KEY: OFFICIAL.aesKey, WECOM_AGENT_ID: '218', WECOM_SECRET: 's', WECOM_API_BASE: 'http://127.0.0.1:9/cgi-bin' }, hooks, { migrate: true });
    try {
      const api = supertest(running.server);
      await api.get('/sandbox').expect(404);
      await api.get('/sandbox/api/people').expect(404);
      await api.post('/sandbox/api/say').send({ person: 'liuhaiyan', text: '帮助' }).expect(404);
      await api.get('/healthz').expect(200);
    } finally {
      await running.shutdown();
      await scratch.drop();
    }
  });
});
