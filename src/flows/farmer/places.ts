/**
 * Villages as farmers name them: "凉水井", "高家堡镇凉水井村", "gjb 凉水井", a click on a menu of
 * candidates, or the number of a candidate typed back. A town alone narrows the choice to its
 * villages. Never a silent guess: several candidates are offered as a menu, and a town the farmer
 * named is never replaced by another one — "店塔镇高家堡村" when only 高家堡镇 has a 高家堡村 offers
 * 店塔镇's villages and that 高家堡村 to choose from, instead of taking 高家堡镇 silently.
 *
 * @example
 *   readVillage('高家堡凉水井', places)   // { kind: 'one', code: '610821101001' }
 *   readVillage('凉水井', places)         // { kind: 'choose', codes: ['610821101001', '610821102003'] }
 *   villageLabel(places, '610821101001') // '高家堡镇凉水井村'
 */
import type { Region } from '../../domain/types.js';
import { normalize, resolveRegion } from '../understand/index.js';
import type { Input, Reply } from '../types.js';

/** At most this many villages are offered in one menu (WeCom msgmenu shows 10 items). */
export const MAX_CHOICES = 10;

export type VillageReading =
  | { kind: 'one'; code: string }
  /** Several villages fit: offer them. */
  | { kind: 'choose'; codes: string[]; town?: string }
  /** A town was named that has too many villages to list: ask for the village name. */
  | { kind: 'town'; townCode: string }
  | { kind: 'none' };

const byCode = (places: readonly Region[]) => new Map(places.map((r) => [r.code, r]));

/** "高家堡镇凉水井村" (town + village), or the code itself when unknown. */
export function villageLabel(places: readonly Region[], code: string): string {
  const map = byCode(places);
  const v = map.get(code);
  if (!v) return code;
  const town = v.parentCode ? map.get(v.parentCode) : undefined;
  return `${town?.name ?? ''}${v.name}`;
}

/** Whether `code` is a village of the register. */
export function isVillage(places: readonly Region[], code: string): boolean {
  return byCode(places).get(code)?.level === 'village';
}

function villagesOf(places: readonly Region[], townCode: string): Region[] {
  return places.filter((r) => r.level === 'village' && r.parentCode === townCode);
}

/**
 * The town named in `t` outside the words of the village's own name, when it is not the
 * village's town ("店塔镇高家堡村" → 店塔镇 for 高家堡镇高家堡村); null when none or the same.
 */
export function otherTownNamed(t: string, places: readonly Region[], villageCode: string): Region | null {
  const village = byCode(places).get(villageCode);
  if (!village) return null;
  const short = village.name.replace(/(?:村民委员会|村委会|社区|村)$/, '');
  // The village's own words are no mention of a town ("高家堡村" holds 高家堡).
  const rest = [village.name, short, ...village.aliases].filter((w) => w.length >= 2).reduce((acc, w) => acc.split(w).join(' '), normalize(t));
  const town = resolveRegion(rest, places, undefined, { levels: ['town'] });
  if (town.kind !== 'one' || (town.by !== 'exact' && town.by !== 'alias')) return null;
  return town.region.code === village.parentCode ? null : town.region;
}

/** A village named outright (its name or an alias, not a guess) and not against a town also named; else null. */
export function villageNamedOutright(t: string, places: readonly Region[]): string | null {
  const r = resolveRegion(t, places, undefined, { levels: ['village'] });
  if (r.kind !== 'one' || (r.by !== 'exact' && r.by !== 'alias')) return null;
  return otherTownNamed(t, places, r.region.code) ? null : r.region.code;
}

/**
 * Reads a village from an answer. `offered` are the codes of the menu last shown (a typed "2"
 * picks the second).
 */
export function readVillage(input: Input, places: readonly Region[], offered: readonly string[] = []): VillageReading {
  if (input.type !== 'text') return { kind: 'none' };
  if (input.menuId?.startsWith('v:')) {
    const code = input.menuId.slice(2);
    return isVillage(places, code) ? { kind: 'one', code } : { kind: 'none' };
  }
  const t = normalize(input.text);
  const pick = /^(?:第)?(\d{1,2})(?:个)?$/.exec(t);
  if (pick && offered.length > 0) {
    const code = offered[Number(pick[1]) - 1];
    return code ? { kind: 'one', code } : { kind: 'none' };
  }
  const village = resolveRegion(t, places, undefined, { levels: ['village'] });
  if (village.kind === 'one') {
    const town = otherTownNamed(t, places, village.region.code);
    if (!town) return { kind: 'one', code: village.region.code };
    // The farmer named another town: its villages and the one the name fits, to choose from.
    const codes = [...villagesOf(places, town.code).map((r) => r.code), village.region.code].slice(-MAX_CHOICES);
    return { kind: 'choose', codes, town: town.code };
  }
  if (village.kind === 'ambiguous') return { kind: 'choose', codes: village.candidates.slice(0, MAX_CHOICES).map((r) => r.code) };
  const town = resolveRegion(t, places, undefined, { levels: ['town'] });
  if (town.kind !== 'one') return { kind: 'none' };
  const villages = villagesOf(places, town.region.code);
  if (villages.length === 1) return { kind: 'one', code: (villages[0] as Region).code };
  if (villages.length === 0 || villages.length > MAX_CHOICES) return { kind: 'town', townCode: town.region.code };
  return { kind: 'choose', codes: villages.map((r) => r.code), town: town.region.code };
}

/** The menu offering `codes` (click, or type the number). */
export function villageMenu(places: readonly Region[], codes: readonly string[], head: string): Reply {
  return {
    type: 'menu',
    head,
    items: codes.map((code) => ({ id: `v:${code}`, label: villageLabel(places, code) })),
    tail: '点选一个，或回复序号；都不是请直接说村名。',
  };
}

/** The name of a region (a town), or the code when unknown. */
export function regionName(places: readonly Region[], code: string): string {
  return byCode(places).get(code)?.name ?? code;
}
