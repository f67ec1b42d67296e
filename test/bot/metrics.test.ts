/**
 * /metrics: the backlogs read from the database at scrape time (both engines), and the counters
 * the pipeline reports, in Prometheus text format.
 */
import Koa from 'koa';
import request from 'supertest';
import { expect, it } from 'vitest';
import { callbackOutcome, countDeferral, countJobRun, countWeComError, metricsRoute, observeProcessed, registry, watchDatabase } from '../../src/bot/metrics.js';
import { inboundFromCallback } from '../../src/bot/inbound/parse.js';
import { transaction } from '../../src/persistence/db.js';
import { storeInbound } from '../../src/persistence/inbound.js';
import { enqueueOutbound } from '../../src/persistence/outbox.js';
import { describeEachDatabase } from '../helpers/db.js';

const T = Date.UTC(2026, 4, 11, 1, 0, 0);

/** The value of one sample line, e.g. `shouwang_outbox_backlog`. */
const sample = (text: string, line: string): number | undefined => {
  const m = new RegExp(`^${line.replace(/[{}()[\]."+]/g, '\\$&')} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : undefined;
};

describeEachDatabase('metrics', (db) => {
  it('reports the inbound and outbox backlogs and the age of the oldest, read at each scrape', async () => {
    let now = T;
    watchDatabase(db.ds(), () => now);
    const app = new Koa().use(metricsRoute());
    let text = (await request(app.callback()).get('/metrics').expect(200)).text;
    expect(sample(text, 'shouwang_inbound_backlog')).toBe(0);
    expect(sample(text, 'shouwang_outbox_oldest_age_seconds')).toBe(0);

    await transaction(db.ds(), async (tx) => {
      await storeInbound(tx, inboundFromCallback({ ToUserName: 'corp', FromUserName: 'wangwu', CreateTime: '1', MsgType: 'text', Content: '帮助', MsgId: '1' }, '<xml/>'), T);
      await enqueueOutbound(tx, [1, 2].map((i) => ({ channel: 'app', recipient: 'wangwu', payload: { type: 'text', text: `第${i}条` } })), T + 5_000);
    });
    now = T + 65_000;
    await new Promise((r) => setTimeout(r, 1100)); // one scrape's reading is reused for a second
    text = (await request(app.callback()).get('/metrics')).text;
    expect(sample(text, 'shouwang_inbound_backlog')).toBe(1);
    expect(sample(text, 'shouwang_inbound_oldest_age_seconds')).toBe(65);
    expect(sample(text, 'shouwang_outbox_backlog')).toBe(2);
    expect(sample(text, 'shouwang_outbox_oldest_age_seconds')).toBe(60);
    // Process metrics come along; the pool gauge only where there is a pool (MySQL).
    expect(text).toMatch(/^shouwang_process_resident_memory_bytes \d+/m);
    expect(text.includes('shouwang_db_pool_connections{state="limit"} 10')).toBe(db.engine === 'mariadb');
  });
});

it('counts what the pipeline reports, by label', async () => {
  countWeComError('message/send', 45009);
  countWeComError('message/send', 45009);
  countDeferral('wangwu');
  countJobRun('lead-deadlines', 'failed');
  observeProcessed('field.screening', T, T + 1200);
  observeProcessed(null, T, T + 30);
  const text = await registry.metrics();
  expect(sample(text, 'shouwang_wecom_api_errors_total{api="message/send",errcode="45009"}')).toBe(2);
  expect(sample(text, 'shouwang_outbox_deferrals_total{member="wangwu"}')).toBe(1);
  expect(sample(text, 'shouwang_job_runs_total{job="lead-deadlines",outcome="failed"}')).toBe(1);
  expect(sample(text, 'shouwang_processing_seconds_bucket{le="1",flow="field.screening"}')).toBe(0);
  expect(sample(text, 'shouwang_processing_seconds_bucket{le="1.5",flow="field.screening"}')).toBe(1);
  expect(sample(text, 'shouwang_processing_seconds_count{flow="none"}')).toBe(1);
});

it.each([
  ['GET', 200, 'text/plain', 'verified'],
  ['POST', 200, 'application/xml', 'passive_reply'],
  ['POST', 200, 'text/plain', 'accepted'],
  ['POST', 403, 'text/plain', 'refused'],
  ['POST', 413, 'text/plain', 'too_large'],
  ['POST', 500, 'text/plain', 'error'],
])('a %s callback answered %i (%s) counts as %s', (method, status, type, outcome) => {
  expect(callbackOutcome(method, status, type)).toBe(outcome);
});
