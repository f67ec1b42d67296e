/**
 * End to end, through the real callback and the fake WeCom: a farmer scans a village poster
 * (enter_session with the village code), declares a hardship in a few messages, confirms, and
 * receives a reference number through kf/send_msg; the grid worker and the village cadre of the
 * household receive the notice through message/send at once; the farmer then asks where it is.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CallbackSender, FakeWeCom } from '../../src/bot/fake-wecom/index.js';
import type { Delivery } from '../../src/bot/fake-wecom/state.js';
import type { Running } from '../../src/main.js';
import { describeEachDatabase } from '../helpers/db.js';
import { V_LSJ } from '../flows/farmer/fixtures.js';
import { seedRegisters } from '../flows/farmer/registers.js';
import { startBotWithFakeWeCom, until } from '../helpers/e2e.js';

const FARMER = 'wmE2EFarmer';
/**
 * The bot and the fake run on a clock that starts at 2026-11-18 10:00 Asia/Shanghai and ticks
 * with real time: the dates below are known without asking the code under test, and a run near
 * midnight cannot straddle two days.
 */
const START = Date.UTC(2026, 10, 18, 2, 0, 0);
const offset = START - Date.now();
const clock = () => Date.now() + offset;


describeEachDatabase('a farmer declares through 微信客服, end to end', (db) => {
  let fake: FakeWeCom;
  let running: Running;
  let callbacks: CallbackSender;
  const received = (to: string): Delivery[] => fake.state.deliveries(to);

  /** The farmer writes (or clicks a menu item) and we wait for the bot's next message. */
  async function farmerSays(text: string, menuId?: string): Promise<Delivery> {
    const before = received(FARMER).length;
    const r = await callbacks.farmerSays(FARMER, text, menuId ? { menuId } : {});
    expect(r.ok).toBe(true);
    await until(() => received(FARMER).length > before);
    return received(FARMER)[before]!;
  }

  beforeAll(async () => {
    // The registers are written before the server opens the database (one writer at a time).
    await seedRegisters(db.ds());
    ({ fake, running, callbacks } = await startBotWithFakeWeCom(db.url(), { openKfIds: ['wkVillage'], clock }));
  });

  afterAll(async () => {
    await running?.shutdown();
    await fake?.stop();
  });

  it('poster → declaration → reference number to the farmer, notice to the grid worker and cadre → status', async () => {
    const entered = await callbacks.farmerEnters(FARMER, V_LSJ);
    expect(entered.ok).toBe(true);
    await until(() => received(FARMER).length > 0);
    expect(received(FARMER)[0]).toMatchObject({ channel: 'kf', via: 'welcome', msgtype: 'msgmenu' });
    expect(received(FARMER)[0]!.text).toMatch(/^您好！这里是高家堡镇凉水井村的防止返贫监测帮扶服务。[\s\S]*· 申报困难/);

    expect((await farmerSays('申报困难', 'declare')).text).toMatch(/^好的，帮您登记困难（高家堡镇凉水井村）。\n请用一两句话说说/);
    expect((await farmerSays('俺家老汉住院了花了三万多咋办')).text).toBe('记下了：因病。\n请问申报人叫什么名字？');
    expect((await farmerSays('我叫张三')).text).toMatch(/^请发申报人的身份证号/);
    expect((await farmerSays('６１０８２１１９８００１０１１２３４')).text).toMatch(/^好的，身份证号6108\*{10}1234。\n留个手机号吧/);
    const summary = await farmerSays('13812345678');
    expect(summary).toMatchObject({ via: 'api', msgtype: 'msgmenu' });
    expect(summary.text).toMatch(/请核对您的申报：\n申报人：张三\n身份证：6108\*{10}1234\n电话：138\*{4}5678\n地址：高家堡镇凉水井村\n困难：因病（住院）\n金额：三万多（因病）/);
    // Nothing unmasked ever reached the farmer.
    expect(received(FARMER).map((d) => d.text).join('\n')).not.toMatch(/610821198001011234|13812345678/);

    const done = await farmerSays('对，提交', 'declare:yes');
    const ref = /^已提交！申报编号：(SB[0-9A-Z]+)。\n网格员王五会在3天内上门核实/.exec(done.text)?.[1];
    expect(ref, done.text).toBeDefined();
    expect(done).toMatchObject({ channel: 'kf', via: 'api', msgtype: 'text' });

    await until(() => received('wangwu').length > 0 && received('liuqi').length > 0);
    for (const who of ['wangwu', 'liuqi']) {
      const [notice] = received(who);
      expect(notice).toMatchObject({ channel: 'app', via: 'api', msgtype: 'text' });
      expect(notice!.text).toMatch(new RegExp(`^【农户自主申报】编号${ref}\\n申报人：张三（身份证6108\\*{10}1234，电话138\\*{4}5678）\\n地址：高家堡镇凉水井村\\n户籍：匹配到户主张三家（户编号H0007）`));
    }
    // Staff of other villages hear nothing about it.
    expect(received('sunba')).toEqual([]);
    expect(received('qianjiu')).toEqual([]);

    // Submitted on the clock's day (11-18); the 15-day limit runs to 12-03.
    const status = await farmerSays('我的申报到哪一步了');
    expect(status.text).toBe(`您的申报（编号${ref}，11月18日提交，因病）：\n进度：已受理，等待网格员入户核查\n负责人：网格员王五\n认定时限：12月3日前`);
  });
});
