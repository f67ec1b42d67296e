import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/bot/log.js';

function collect() {
  const lines: string[] = [];
  return { lines, destination: { write: (l: string) => lines.push(l) } };
}

describe('log', () => {
  it('masks ID numbers and phones in messages, fields, nested objects and errors', () => {
    const { lines, destination } = collect();
    const log = createLogger({ level: 'info', destination, base: { instance: 'i-1' } });
    log.info({ from: 'zhangsan', body: { text: '我的身份证61082119800101123X' }, phone: '13812345678' }, '收到 61082119800101123X 电话 13812345678');
    log.error({ err: new Error('插入失败：61082119800101123X') }, '出错');
    expect(lines).toHaveLength(2);
    const all = lines.join('');
    expect(all).not.toContain('61082119800101123X');
    expect(all).not.toContain('13812345678');
    const first = JSON.parse(lines[0]!);
    expect(first.msg).toBe('收到 6108**********123X 电话 138****5678');
    expect(first.body.text).toBe('我的身份证6108**********123X');
    expect(first.phone).toBe('138****5678');
    expect(first.instance).toBe('i-1');
    expect(JSON.parse(lines[1]!).err.message).toBe('插入失败：6108**********123X');
  });

  it('leaves times and 64-bit message ids alone', () => {
    const { lines, destination } = collect();
    createLogger({ destination }).info({ msgId: '4561255354251345929', at: 1764300000000 }, 'ok');
    const line = JSON.parse(lines[0]!);
    expect(line.msgId).toBe('4561255354251345929');
    expect(line.at).toBe(1764300000000);
  });

  it('respects the level', () => {
    const { lines, destination } = collect();
    const log = createLogger({ level: 'warn', destination });
    log.info('不写');
    log.warn('写');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['写']);
  });
});
