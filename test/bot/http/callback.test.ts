import { createCipheriv, randomBytes } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { appText, appXml, crypto, edgeKit, OFFICIAL, openPassive, queryString, seal, T0, T0_S, type Kit, type Sealed } from '../../helpers/edge-kit.js';
import { helpFlow } from '../../../src/flows/help.js';
import { transaction } from '../../../src/persistence/db.js';
import { InboundSchema } from '../../../src/persistence/schemas/inbound.js';
import { buildXml } from '../../../src/bot/wecom/xml.js';

/** Signs an arbitrary Encrypt value with the real token, so only what is inside can be wrong. */
function signedEnvelope(encrypt: string, nonce: string): Sealed {
  return {
    query: { msg_signature: crypto.sign(T0_S, nonce, encrypt), timestamp: T0_S, nonce },
    body: buildXml({ ToUserName: OFFICIAL.corpId, Encrypt: encrypt, AgentID: '1000002' }),
  };
}

/** AES-256-CBC without auto-padding, over a plaintext we lay out ourselves (WECOM.md layout). */
function rawEncrypt(plain: Buffer): string {
  const key = Buffer.from(`${OFFICIAL.aesKey}=`, 'base64');
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  c.setAutoPadding(false);
  return Buffer.concat([c.update(plain), c.final()]).toString('base64');
}

function layout(msg: string, opts: { lengthDelta?: number; pad?: (n: number) => Buffer } = {}): Buffer {
  const body = Buffer.from(msg, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length + (opts.lengthDelta ?? 0));
  const unpadded = Buffer.concat([randomBytes(16), len, body, Buffer.from(OFFICIAL.corpId)]);
  const n = 32 - (unpadded.length % 32);
  return Buffer.concat([unpadded, opts.pad ? opts.pad(n) : Buffer.alloc(n, n)]);
}

const inner = appText({ from: 'wangwu', content: '帮助', msgId: '900' });
let seq = 0;
const nonce = () => `hostile${++seq}`;

const HOSTILE: Array<[string, number, () => Sealed | { raw: Buffer | string; query?: string }]> = [
  ['forged signature', 401, () => ({ ...seal(inner), query: { ...seal(inner).query, msg_signature: 'a'.repeat(40) } })],
  ['stale timestamp', 401, () => seal(inner, { timestamp: String(T0 / 1000 - 301) })],
  ['timestamp from the future', 401, () => seal(inner, { timestamp: String(T0 / 1000 + 301) })],
  ['foreign corp id', 403, () => signedEnvelope(crypto.encrypt(inner, randomBytes(16), 'wwforeigncorp'), nonce())],
  ['broken base64', 400, () => signedEnvelope('RypEvHKD8QQ$%^&*()', nonce())],
  ['not whole 32-byte blocks', 400, () => signedEnvelope(randomBytes(40).toString('base64'), nonce())],
  ['bad padding (byte over 32)', 400, () => signedEnvelope(rawEncrypt(layout(inner, { pad: (n) => Buffer.alloc(n, 40) })), nonce())],
  ['bad padding (uneven bytes)', 400, () => signedEnvelope(rawEncrypt(layout(inner, { pad: (n) => Buffer.concat([Buffer.alloc(n - 1, 0), Buffer.from([n])]) })), nonce())],
  ['lying length field (past the end)', 400, () => signedEnvelope(rawEncrypt(layout(inner, { lengthDelta: 4000 })), nonce())],
  // A length that moves the boundary inside the buffer makes the receiveid read wrong: as in the
  // official libraries (-40005), it is indistinguishable from a foreign corp.
  ['lying length field (shorter)', 403, () => signedEnvelope(rawEncrypt(layout(inner, { lengthDelta: -3 })), nonce())],
  ['lying length field (into the CorpID)', 403, () => signedEnvelope(rawEncrypt(layout(inner, { lengthDelta: 7 })), nonce())],
  ['XXE in the envelope', 400, () => ({ raw: `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Encrypt>&xxe;</Encrypt></xml>` })],
  ['XXE inside an authentic message', 400, () => seal(`<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><FromUserName>wangwu</FromUserName><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>901</MsgId></xml>`)],
  ['billion laughs', 400, () => ({ raw: `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><xml><Encrypt>&lol3;</Encrypt></xml>` })],
  ['oversized body', 413, () => ({ raw: `<xml><Encrypt>${'A'.repeat(256 * 1024)}</Encrypt></xml>` })],
  ['invalid UTF-8', 400, () => ({ raw: Buffer.concat([Buffer.from('<xml><Encrypt>'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('</Encrypt></xml>')]) })],
  ['empty body', 400, () => ({ raw: '' })],
  ['not XML', 400, () => ({ raw: '{"Encrypt":"abc"}' })],
  ['missing Encrypt', 400, () => ({ raw: '<xml><ToUserName>wx5823bf96d3bd56c7</ToUserName></xml>' })],
  ['missing query parameters', 400, () => ({ raw: seal(inner).body, query: 'timestamp=1' })],
  ['non-XML inside an authentic envelope', 400, () => seal('just text, not xml')],
];

describeEachDatabase('callback edge', (db) => {
  let kit: Kit;
  let official: Kit;
  beforeAll(() => {
    kit = edgeKit(db.ds(), { flows: [helpFlow] });
    official = edgeKit(db.ds(), { flows: [helpFlow], maxClockSkewS: 0, instanceId: 'test-official' });
  });

  it('answers the official GET sample with the bare echostr', async () => {
    const res = await official.request.get(`/wecom/callback?${OFFICIAL.getQuery}`);
    expect(res.status).toBe(200);
    expect(res.text).toBe('1616140317555161061');
    expect(res.headers['content-length']).toBe('19');
  });

  it('accepts and stores the official POST sample, MsgId kept as a string', async () => {
    const body = buildXml({ ToUserName: OFFICIAL.corpId, Encrypt: OFFICIAL.postEncrypt, AgentID: '218' });
    const res = await official.request.post(`/wecom/callback?${OFFICIAL.postQuery}`).type('text/xml').send(body);
    expect(res.status).toBe(200);
    const row = await transaction(db.ds(), (tx) => orm(tx).getRepository(InboundSchema).findOne({ where: { dedupeKey: 'app:msg:4561255354251345929' } }));
    expect(row).toMatchObject({ channel: 'app', sender: 'mycreate', msgType: 'text', kind: 'message' });
    expect(row?.message.MsgId).toBe('4561255354251345929');
    expect(row?.message.Content).toBe('hello');
    // mycreate is not on the roster: the passive answer tells them how to get registered.
    const reply = openPassive(res.text);
    expect(reply.to).toBe('mycreate');
    expect(reply.content).toContain('人员名单');
  });

  it('refuses a stale GET when the window is on', async () => {
    const res = await kit.request.get(`/wecom/callback?${OFFICIAL.getQuery}`);
    expect(res.status).toBe(401);
  });

  it.each(HOSTILE)('refuses %s with %i, and stays healthy', async (_name, status, make) => {
    const c = make();
    const res =
      'raw' in c
        ? await kit.request.post(`/wecom/callback?${c.query ?? queryString(seal(inner).query)}`).type('text/xml').send(c.raw)
        : await kit.post(c);
    expect(res.status).toBe(status);
    const good = await kit.post(seal(appText({ from: 'wangwu', content: '帮助', msgId: `ok-${_name}` })));
    expect(good.status).toBe(200);
    expect(openPassive(good.text).content).toContain('王五');
    expect((await kit.request.get('/healthz')).text).toBe('ok');
  });

  it('refuses a replayed (timestamp, nonce) with another signature, but takes a WeCom retry', async () => {
    const first = seal(appText({ from: 'wangwu', content: '帮助', msgId: '910' }), { nonce: 'replayme' });
    expect((await kit.post(first)).status).toBe(200);
    expect((await kit.post(first)).status).toBe(200);
    const other = seal(appText({ from: 'wangwu', content: '帮助', msgId: '911' }), { nonce: 'replayme' });
    expect((await kit.post(other)).status).toBe(403);
  });

  it.each([
    ['unknown MsgType', appXml({ FromUserName: 'wangwu', MsgType: 'hologram', MsgId: '920' }), 'hologram'],
    ['20,000 emoji', appText({ from: 'wangwu', content: '😀'.repeat(20_000), msgId: '921' }), 'text'],
    ['SQL in the text', appText({ from: 'wangwu', content: "'; DROP TABLE inbound_message; --", msgId: '922' }), 'text'],
    ['an image', appXml({ FromUserName: 'wangwu', MsgType: 'image', PicUrl: 'http://x/y.jpg', MediaId: 'm1', MsgId: '923' }), 'image'],
    ['a voice', appXml({ FromUserName: 'wangwu', MsgType: 'voice', MediaId: 'm2', Format: 'amr', MsgId: '924' }), 'voice'],
    ['a location', appXml({ FromUserName: 'wangwu', MsgType: 'location', Location_X: '38.8', Location_Y: '110.4', Scale: '15', Label: '神木', MsgId: '925' }), 'location'],
    ['an unknown event', appXml({ FromUserName: 'wangwu', MsgType: 'event', Event: 'space_walk', EventKey: 'k' }), 'event'],
  ])('answers an authentic odd message (%s) 200 and stores it', async (_name, xml, msgType) => {
    const res = await kit.post(seal(xml));
    expect(res.status).toBe(200);
    await kit.edge.processor.idle();
    const rows = await transaction(db.ds(), (tx) => orm(tx).getRepository(InboundSchema).find({ where: { msgType }, order: { id: 'DESC' }, take: 1 }));
    expect(rows[0]?.status).toBe('done');
    if (_name === '20,000 emoji') expect(rows[0]?.message.Content).toBe('😀'.repeat(20_000));
  });

  it('answers /readyz while the database is reachable', async () => {
    const res = await kit.request.get('/readyz');
    expect(res.status).toBe(200);
  });
});
