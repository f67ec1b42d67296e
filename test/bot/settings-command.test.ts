import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/db.js';
import { runSettingsCommand } from '../../src/bot/settings-command.js';
import { defaultCampaignOf } from '../../src/domain/campaign.js';
import { transaction } from '../../src/persistence/db.js';
import { getCampaign, getMonitoringLines } from '../../src/persistence/campaigns.js';
import { listHistory } from '../../src/persistence/history.js';
import { getWarningThresholds } from '../../src/persistence/warnings.js';

const NOW = Date.UTC(2026, 2, 1, 2);

describeEachDatabase('npx shouwang settings', (db) => {
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runSettingsCommand(argv, { databaseUrl: db.url(), now: () => NOW, out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('prints the year’s campaign as a template, takes it back edited, and refuses a broken one without writing', async () => {
    const template = await run('campaign-template', '2026');
    expect(template.code).toBe(0);
    expect(JSON.parse(template.out)).toEqual(defaultCampaignOf(2026));
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    const edited = { ...defaultCampaignOf(2026), milestones: { ...defaultCampaignOf(2026).milestones, screening: '2026-05-28' } };
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(edited));
    expect(await run('campaign', join(dir, 'ok.json'), '--by', 'admin')).toMatchObject({ code: 0, out: '已保存，并记入变更记录。' });
    expect(await run('campaign', join(dir, 'ok.json'))).toMatchObject({ code: 0, out: '与现有设置相同，未做改动。' });
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...edited, milestones: { ...edited.milestones, screening: '2026-02-30' } }));
    const bad = await run('campaign', join(dir, 'bad.json'));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^设置有误，未保存：\n {2}- .*日期应为 YYYY-MM-DD 格式的真实日期/);
    writeFileSync(join(dir, 'broken.json'), '{ year: 2026');
    expect((await run('campaign', join(dir, 'broken.json'))).err).toContain('不是有效的 JSON');
    const stored = await transaction(db.ds(), (tx) => getCampaign(tx, 2026));
    expect(stored?.milestones.screening).toBe('2026-05-28');
    expect((await transaction(db.ds(), (tx) => listHistory(tx, 'campaign', 2026))).map((h) => [h.actor, h.at])).toEqual([['admin', NOW]]);
    expect((await run('show', '2026')).out).toMatch(/^2026年防止返贫监测帮扶集中排查\n {2}动员部署 2026-04-30；集中排查 2026-05-28；/);
  });

  it('sets the monitoring line of a year and a department’s warning threshold; refuses nonsense', async () => {
    expect((await run('line', '2026', '7300', '--by', 'admin')).code).toBe(0);
    expect(await transaction(db.ds(), (tx) => getMonitoringLines(tx))).toContainEqual({ year: 2026, line: 7300 });
    expect((await run('line', '2026', '多少')).code).toBe(2);
    expect((await run('threshold', '医保局', '15000')).code).toBe(0);
    expect((await transaction(db.ds(), (tx) => getWarningThresholds(tx))).medical_insurance).toEqual({ minYuan: 15000, amountLabel: '自付费用' });
    expect((await run('threshold', '民政', '无')).code).toBe(0);
    const wrong = await run('threshold', '税务', '100');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('行业部门「税务」无法识别');
    expect((await run('show', '2026')).out).toContain('部门预警门槛：医保 自付费用≥15000元');
    expect((await run('frobnicate')).code).toBe(2);
  });
});
