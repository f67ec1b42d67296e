import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

export interface RegionRow {
  id: number;
  code: string;
  name: string;
  level: 'city' | 'town' | 'village' | 'grid';
  parentCode: string | null;
  aliases: string[];
  /** City nodes only: JSON list of the levels the city names. */
  levels: string[] | null;
  createdAt: number;
  updatedAt: number;
}

export const RegionSchema = new EntitySchema<RegionRow>({
  name: 'Region',
  tableName: 'regions',
  columns: {
    id: col.id(),
    code: col.str(32),
    name: col.str(64),
    level: col.str(8),
    parentCode: { ...col.str(32, true), name: 'parent_code' },
    aliases: col.json(),
    levels: col.json(true),
    createdAt: { ...col.instant(), name: 'created_at' },
    updatedAt: { ...col.instant(), name: 'updated_at' },
  },
});
