/**
 * The register of 动员部署 and 培训 reports (附件1's 是否专门安排部署 and 培训人数). Every report is
 * a new row with who, when and the message behind it, plus a history entry; nothing is updated or
 * deleted — corrections are later reports (src/domain/campaign-activity.ts decides which counts).
 *
 * @example
 *   await recordActivity(tx, { campaign: '2022', kind: 'training', placement, day: '2022-05-03', people: 12, by: 'liucun', at: now, inboundId: 41 });
 *   await activitiesOfVillages(tx, '2022', ['610821101001'])   // ActivityRecord[], oldest first
 */
import { In } from 'typeorm';
import type { ActivityKind, ActivityRecord } from '../domain/campaign-activity.js';
import type { Day } from '../domain/shanghai-days.js';
import type { Placement } from '../domain/types.js';
import { appendHistory } from './case-history.js';
import type { Tx } from './db.js';
import { em } from './orm.js';
import { CampaignActivitySchema, type CampaignActivityRow } from './schemas/activities.js';

const REASON: Record<ActivityKind, string> = {
  deployment: '登记动员部署',
  deployment_void: '撤回动员部署登记',
  training: '登记培训人数',
};

const fromRow = (r: CampaignActivityRow): ActivityRecord => ({
  id: r.id, kind: r.kind as ActivityKind, villageCode: r.villageCode, day: r.day, people: r.people, recordedBy: r.recordedBy, recordedAt: r.recordedAt,
});

export interface ActivityInput {
  campaign: string;
  kind: ActivityKind;
  /** The village (its grid, if any, is ignored: these are village reports). */
  placement: Pick<Placement, 'cityCode' | 'townCode' | 'villageCode'>;
  day: Day;
  people: number | null;
  by: string;
  at: number;
  inboundId: number | null;
}

export async function recordActivity(tx: Tx, a: ActivityInput): Promise<ActivityRecord> {
  const { cityCode, townCode, villageCode } = a.placement;
  const saved = await em(tx).getRepository(CampaignActivitySchema).save({
    campaign: a.campaign, kind: a.kind, cityCode, townCode, villageCode, day: a.day, people: a.kind === 'training' ? a.people : null,
    recordedBy: a.by, recordedAt: a.at, inboundId: a.inboundId, createdAt: a.at,
  });
  const record = fromRow(saved as CampaignActivityRow);
  await appendHistory(tx, { entity: 'campaign_activity', entityId: record.id, actor: a.by, at: a.at, reason: REASON[a.kind], before: null, after: { ...record, campaign: a.campaign } });
  return record;
}

/** Every report of the campaign for these villages, oldest first. */
export async function activitiesOfVillages(tx: Tx, campaign: string, villageCodes: readonly string[]): Promise<ActivityRecord[]> {
  if (villageCodes.length === 0) return [];
  const out: ActivityRecord[] = [];
  // Chunked: a city has a few hundred villages, an IN list stays well under any driver limit.
  for (let i = 0; i < villageCodes.length; i += 500) {
    const rows = await em(tx).getRepository(CampaignActivitySchema).find({ where: { campaign, villageCode: In(villageCodes.slice(i, i + 500)) }, order: { id: 'ASC' } });
    out.push(...rows.map(fromRow));
  }
  return out.sort((a, b) => a.id - b.id);
}
