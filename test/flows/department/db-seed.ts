/**
 * The department conversations' test world on a real database: the field register
 * (test/flows/field/seed.ts: 凉水井村, five households, the field staff and a 医保 staff member)
 * plus the city bureau (市局小杨); warning lists built as real xlsx and csv files; and a WeCom
 * media store the read port fetches the files people send from, remembering every fetch.
 *
 * @example
 *   const ids = await seedDepartment(db.ds());
 *   const store = mediaStore({ m1: { fileName: '5月医保预警.xlsx', content: await warningXlsx([[...]]) } });
 *   const data = createFlowData(db.ds(), { media: store.api })(staffActor('yibao1'));
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WARNING_COLUMNS } from '../../../src/bot/import/warnings-rows.js';
import type { MediaFile } from '../../../src/bot/wecom/api-types.js';
import type { Staff } from '../../../src/domain/types.js';
import type { Actor } from '../../../src/flows/types.js';
import { transaction, type Database } from '../../../src/persistence/db.js';
import { saveStaff } from '../../../src/persistence/staff.js';
import { DEMO, demoTree } from '../../helpers/regions.js';
import { writeCsv, writeXlsx, type Table } from '../../helpers/tables.js';
import { actorOf, seedField, type SeededIds } from '../field/seed.js';

export const CITY_BUREAU: Staff = { userId: 'shiju', name: '市局小杨', phone: null, role: 'city_bureau', jurisdiction: { level: 'city', code: DEMO.city }, active: true, department: null };

/** The field register and staff, and the city bureau. */
export async function seedDepartment(ds: Database, at = Date.UTC(2022, 3, 1)): Promise<SeededIds> {
  const ids = await seedField(ds, at);
  await transaction(ds, (tx) => saveStaff(tx, [CITY_BUREAU], { actor: 'import', at, reason: '测试数据' }, demoTree()));
  return ids;
}

/** The actor the dispatcher would build for a seeded staff member (the field staff, 医保's yibao1, the city's shiju). */
export function staffActor(userId: string): Actor {
  if (userId !== CITY_BUREAU.userId) return actorOf(userId);
  const s = CITY_BUREAU;
  return { sender: { channel: 'app', id: s.userId }, staff: { userId: s.userId, name: s.name, role: s.role, jurisdiction: s.jurisdiction } };
}

/** The header row of a warning list: every column of the template, or only those named. */
export const warningHeader = (only?: readonly string[]): string[] => WARNING_COLUMNS.map((c) => c.header).filter((h) => !only || only.includes(h));

async function viaFile(ext: string, write: (path: string) => void | Promise<void>): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'shouwang-dept-'));
  try {
    const path = join(dir, `list.${ext}`);
    await write(path);
    return readFileSync(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A warning list as an xlsx (every cell text, as the template asks for ID numbers). */
export const warningXlsx = (rows: Table, header = warningHeader()): Promise<Buffer> => viaFile('xlsx', (p) => writeXlsx(p, [header, ...rows]));

/** A warning list as a csv with a BOM (how Excel saves “CSV UTF-8”). */
export const warningCsv = (rows: Table, header = warningHeader()): Promise<Buffer> => viaFile('csv', (p) => writeCsv(p, [header, ...rows], { bom: true }));

/** The files people sent, by media id; `fetched` lists every media id the port downloaded. */
export function mediaStore(files: Record<string, { fileName: string; content: Buffer }>) {
  const fetched: string[] = [];
  return {
    fetched,
    api: {
      getMedia: async (mediaId: string): Promise<MediaFile> => {
        fetched.push(mediaId);
        const f = files[mediaId];
        if (!f) throw new Error('40007 invalid media_id');
        return { fileName: f.fileName, contentType: 'application/octet-stream', content: f.content };
      },
    },
  };
}
