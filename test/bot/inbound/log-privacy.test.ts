/**
 * Logs never carry what people wrote. A database error logs its code and a message without
 * values; a whole farmer's declaration, end to end with debug logging on, leaves no ID number,
 * phone number or words of the farmer in the logs.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeWeCom, CallbackSender } from '../../../src/bot/fake-wecom/index.js';
import { createLogger } from '../../../src/bot/log.js';
import { hooks, main, type Running } from '../../../src/main.js';
import { transaction } from '../../../src/persistence/db.js';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { OFFICIAL } from '../../helpers/edge-kit.js';
import { until } from '../../helpers/e2e.js';
import { V_LSJ } from '../../flows/farmer/fixtures.js';
import { seedRegisters } from '../../flows/farmer/registers.js';

const WORDS = '俺家老汉住院了花了三万多咋办';
const ID = '610821198001011234';
const PHONE = '13812345678';
const FARMER = 'wmLogFarmer';

describeEachDatabase('logs and personal data', (db) => {
  const lines: string[] = [];
  let fake: FakeWeCom;
  let running: Running;
  let callbacks: CallbackSender;
  const realWrite = process.stdout.write.bind(process.stdout);

  beforeAll(async () => {
    await seedRegisters(db.ds());
    fake = new FakeWeCom({ corpId: OFFICIAL.corpId, agentId: 218, secret: 'app-secret', openKfIds: ['wkVillage'] });
    const apiBase = await fake.start();
    // Everything the server logs goes to stdout: keep it for grepping.
    process.stdout.write = ((chunk: string | Uint8Array) => (lines.push(String(chunk)), true)) as typeof process.stdout.write;
    running = await main(
      { PORT: '0', DATABASE_URL: db.url(), WECOM_CORP_ID: OFFICIAL.corpId, WECOM_TOKEN: OFFICIAL.token, WECOM_AES_KEY: OFFICIAL.aesKey, WECOM_AGENT_ID: '218', WECOM_SECRET: 'app-secret', WECOM_API_BASE: apiBase, LOG_LEVEL: 'debug', SPOOL_DIR: '' },
      hooks,
    );
    callbacks = new CallbackSender(fake.state, { url: `http://127.0.0.1:${running.port}/wecom/callback`, token: OFFICIAL.token, encodingAesKey: OFFICIAL.aesKey, timeoutMs: 4000 });
  });

  afterAll(async () => {
    await running?.shutdown();
    process.stdout.write = realWrite;
    await fake?.stop();
  });

  it('a database error is logged with its code, without the query, its values or quoted data', async () => {
    const collected: string[] = [];
    const log = createLogger({ destination: { write: (l: string) => collected.push(l) } });
    const err = await transaction(db.ds(), (tx) => orm(tx).query('INSERT INTO no_such_table (a, b) VALUES (?, ?)', [WORDS, ID])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(Object.keys(err as object)).toEqual(expect.arrayContaining(['query', 'parameters']));
    log.error({ err }, 'processing failed');
    const line = collected.join('');
    expect(line).toContain('processing failed');
    expect(line).not.toContain(WORDS);
    expect(line).not.toContain('no_such_table (a, b) VALUES');
    expect(line).not.toMatch(/6108\d{10}/);
    expect(JSON.parse(line).err).not.toHaveProperty('parameters');
  });

  it('a declaration end to end, debug logs on: no ID number, phone or farmer’s words in any line', async () => {
    const says = async (text: string, menuId?: string) => {
      const before = fake.state.deliveries(FARMER).length;
      expect((await callbacks.farmerSays(FARMER, text, menuId ? { menuId } : {})).ok).toBe(true);
      await until(() => fake.state.deliveries(FARMER).length > before);
    };
    expect((await callbacks.farmerEnters(FARMER, V_LSJ)).ok).toBe(true);
    await until(() => fake.state.deliveries(FARMER).length > 0);
    await says('申报困难', 'declare');
    await says(WORDS);
    await says('我叫张三');
    await says(ID);
    await says(PHONE);
    await says('对，提交', 'declare:yes');
    expect(fake.state.deliveries(FARMER).at(-1)?.text).toMatch(/^已提交！申报编号/);
    const all = lines.join('');
    expect(all.length).toBeGreaterThan(1000);
    expect(all).toContain('callback stored');
    // The processing's lines too (on MariaDB written by the processing thread, src/bot/processing-thread.ts).
    expect(all).toContain('"msg":"processed"');
    expect(all).toMatch(/outbox|sent/);
    for (const secret of [WORDS, '老汉住院', ID, PHONE, '张三']) expect(all).not.toContain(secret);
  }, 60_000);
});
