import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

/** One report of a village's 动员部署 or 培训 (append-only; see src/domain/campaign-activity.ts). */
export interface CampaignActivityRow {
  id: number;
  campaign: string;
  kind: string;
  cityCode: string;
  townCode: string;
  villageCode: string;
  day: string;
  people: number | null;
  recordedBy: string;
  recordedAt: number;
  /** The inbound message that caused it (the why); null for an import or a system action. */
  inboundId: number | null;
  createdAt: number;
}

export const CampaignActivitySchema = new EntitySchema<CampaignActivityRow>({
  name: 'CampaignActivity',
  tableName: 'campaign_activity',
  columns: {
    id: col.id(),
    campaign: col.str(32),
    kind: col.str(16),
    cityCode: { ...col.str(32), name: 'city_code' },
    townCode: { ...col.str(32), name: 'town_code' },
    villageCode: { ...col.str(32), name: 'village_code' },
    day: col.day(),
    people: col.int(true),
    recordedBy: { ...col.str(128), name: 'recorded_by' },
    recordedAt: { ...col.instant(), name: 'recorded_at' },
    inboundId: { ...col.int(true), name: 'inbound_id' },
    createdAt: { ...col.instant(), name: 'created_at' },
  },
});
