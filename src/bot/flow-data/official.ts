/**
 * The official part of the flows' read port, for one actor: every method first decides access
 * with the access policy (`decideAccess`, a report of the place's scope) and answers nothing —
 * not even whether the place has records — outside the actor's jurisdiction. The numbers come
 * from `placeReport` (src/bot/official/sources.ts), the same call the xlsx export makes.
 *
 * Reads run in one short transaction each; workbooks and pictures are built after it.
 *
 * @example
 *   const data = officialData(db, actor);
 *   await data.progress('610821101', now)   // { ok: true, value: { total, parts, grids, reportDay } } or { ok: false, reason }
 */
import { decideAccess, type AccessDenial } from '../../domain/access.js';
import { dayOf } from '../../domain/calendar.js';
import type { Staff } from '../../domain/types.js';
import { pathCodes, type RegionTree } from '../../domain/hierarchy.js';
import { reportWeek } from '../../domain/weekly-report.js';
import type { Answer, Denial, FileView, OfficialData, Place } from '../../flows/official/data.js';
import { chineseDay } from '../../flows/official/words.js';
import type { Actor } from '../../flows/types.js';
import { transaction, type Database, type Tx } from '../../persistence/db.js';
import { problemsInVillages } from '../../persistence/problems.js';
import { loadRegionTree } from '../../persistence/regions.js';
import { unscreenedInVillage } from '../../persistence/screenings.js';
import { listStaff } from '../../persistence/staff.js';
import { latestConfirmations } from '../../persistence/weekly-reports.js';
import { FormInputError } from '../forms/index.js';
import { buildFormFile, coverageFile, gatherForm, overdueFile } from '../official/files.js';
import { campaignCode, campaignOn, campaignWindow, placeIn, placeReport, villagesUnder } from '../official/sources.js';
import { confirmationOf, overdueViewOf, progressViewOf, reportingViewOf, supervisionViewOf } from '../official/views.js';

const denial = (reason: AccessDenial): Denial => (reason === 'out_of_jurisdiction' ? 'out_of_jurisdiction' : 'role');
const file = (f: { fileName: string; content: Buffer }): FileView => ({ fileName: f.fileName, contentBase64: f.content.toString('base64') });

export function officialData(db: Database, actor: Actor): OfficialData {
  /** Whether the actor may read the report of `code` (a staff member of the right jurisdiction). */
  function access(tree: RegionTree, code: string): Denial | null {
    const s = actor.staff;
    if (!s) return 'role';
    const [cityCode, townCode, villageCode] = pathCodes(tree, code);
    const d = decideAccess(
      { kind: 'staff', staff: { userId: s.userId, role: s.role, jurisdiction: s.jurisdiction, active: true, department: null } },
      'read',
      { kind: 'report', scope: { cityCode: cityCode ?? '', townCode: townCode ?? null, villageCode: villageCode ?? null } },
    );
    return d.allowed ? null : denial(d.reason);
  }

  /** Reads about a place the actor may see, in one transaction; refusals carry no data. */
  function about<T>(code: string, read: (tx: Tx, tree: RegionTree, place: Place) => Promise<T>, level?: Place['level']): Promise<Answer<T>> {
    return transaction(db, async (tx): Promise<Answer<T>> => {
      const tree = await loadRegionTree(tx);
      const place = placeIn(tree, code);
      if (!place) return { ok: false, reason: actor.staff ? 'not_found' : 'role' };
      const refused = access(tree, code);
      if (refused) return { ok: false, reason: refused };
      if (level && place.level !== level) return { ok: false, reason: 'not_found' };
      return { ok: true, value: await read(tx, tree, place) };
    });
  }

  async function then<A, B>(p: Promise<Answer<A>>, f: (a: A) => B | Promise<B>): Promise<Answer<B>> {
    const r = await p;
    return r.ok ? { ok: true, value: await f(r.value) } : r;
  }

  return {
    officialMap: () =>
      transaction(db, async (tx) => {
        const tree = await loadRegionTree(tx);
        const s = actor.staff;
        const home = s && s.role !== 'department' && s.jurisdiction.level !== 'grid' ? placeIn(tree, s.jurisdiction.code) : null;
        return { regions: [...tree.byCode.values()], home };
      }),
    progress: (code, at) => about(code, async (tx, tree) => progressViewOf(await placeReport(tx, tree, code, dayOf(at)), tree)),
    reporting: (code, at) => about(code, async (tx, tree) => reportingViewOf(tx, tree, code, reportWeek(at, await campaignOn(tx, dayOf(at))))),
    overdueLeads: (code, at) => about(code, async (tx, tree) => overdueViewOf(tx, tree, await placeReport(tx, tree, code, dayOf(at)), at)),
    supervision: (code, at) => about(code, async (tx, tree) => supervisionViewOf(tx, await placeReport(tx, tree, code, dayOf(at)), tree)),
    exportForm: async (form, code, at) => {
      if (form === 'ledger') return { ok: false, reason: 'not_found' };
      const gathered = await about(code, (tx, tree) => gatherForm(tx, tree, form, code, dayOf(at)));
      if (!gathered.ok) return gathered;
      try {
        return { ok: true, value: file(await buildFormFile(gathered.value)) };
      } catch (e) {
        // A record the form cannot print (a name too long, a bad phone): say which, write nothing.
        if (e instanceof FormInputError) return { ok: false, reason: 'invalid_input', problems: e.problems };
        throw e;
      }
    },
    chart: (kind, code, at) => {
      const subtitle = `截至${chineseDay(dayOf(at))}`;
      if (kind === 'coverage') return then(about(code, async (tx, tree) => progressViewOf(await placeReport(tx, tree, code, dayOf(at)), tree)), (view) => file(coverageFile(view, subtitle)));
      return then(
        about(code, async (tx, tree, place) => {
          const view = await overdueViewOf(tx, tree, await placeReport(tx, tree, code, dayOf(at)), at);
          // Above a town the leads are counted per town; within it, per village.
          const townName = (v: Place) => tree.byCode.get(tree.byCode.get(v.code)?.parentCode ?? '')?.name ?? v.name;
          return { view, place, groupOf: place.level === 'city' ? townName : (v: Place) => v.name };
        }),
        ({ view, place, groupOf }) => file(overdueFile(view, place, subtitle, groupOf)),
      );
    },
    weeklyReport: (townCode, at) =>
      about(
        townCode,
        async (tx, tree) => {
          const pr = await placeReport(tx, tree, townCode, dayOf(at));
          const week = reportWeek(at, pr.campaign);
          const reporting = await reportingViewOf(tx, tree, townCode, week);
          return { week: week.week, deadline: week.deadline, progress: progressViewOf(pr, tree), reporting, confirmed: reporting.towns.find((t) => t.place.code === townCode)?.confirmed ?? null };
        },
        'town',
      ),
    unscreened: (villageCode, at) =>
      about(
        villageCode,
        async (tx, tree) => {
          const reportDay = dayOf(at);
          const campaign = await campaignOn(tx, reportDay);
          const rows = await unscreenedInVillage(tx, villageCode, campaignCode(campaign), campaignWindow(campaign, reportDay));
          const grids = new Map<string | null, string[]>();
          for (const r of rows) grids.set(r.gridCode, [...(grids.get(r.gridCode) ?? []), r.headName]);
          return { reportDay, grids: [...grids].map(([code, headNames]) => ({ name: code === null ? null : (tree.byCode.get(code)?.name ?? code), headNames })) };
        },
        'village',
      ),
    staffRoster: (code) =>
      about(code, async (tx, tree) => {
        const staff = (await listStaff(tx)).filter((s) => s.active && (s.role === 'grid_worker' || s.role === 'village_cadre'));
        const person = (s: Staff) => ({ name: s.name, phone: s.phone });
        const villages = villagesUnder(tree, code).map((v) => {
          const grids = [...tree.byCode.values()].filter((r) => r.level === 'grid' && r.parentCode === v.code).sort((a, b) => a.code.localeCompare(b.code));
          return {
            village: placeIn(tree, v.code) as Place,
            grids: grids.map((g) => ({ code: g.code, name: g.name, aliases: g.aliases, workers: staff.filter((s) => s.role === 'grid_worker' && s.jurisdiction.code === g.code).map(person) })),
            cadres: staff.filter((s) => s.role === 'village_cadre' && s.jurisdiction.code === v.code).map(person),
          };
        });
        return { villages };
      }),
    villageWeek: (villageCode, at) =>
      about(
        villageCode,
        async (tx, tree) => {
          const pr = await placeReport(tx, tree, villageCode, dayOf(at));
          const week = reportWeek(at, pr.campaign);
          const confirmed = confirmationOf((await latestConfirmations(tx, week.week, 'village', [villageCode])).get(villageCode), week);
          const openProblems = (await problemsInVillages(tx, [villageCode])).filter((p) => p.status === 'open').length;
          return { week: week.week, deadline: week.deadline, village: progressViewOf(pr, tree).total, openProblems, confirmed };
        },
        'village',
      ),
  };
}
