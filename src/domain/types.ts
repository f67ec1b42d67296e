/**
 * The shared shapes of the registers (SPEC.md §2.1): regions, households, members, staff.
 * Behaviour (validation, alias resolution, income, access) lives in the modules beside this one;
 * these interfaces are what every other part of the domain reads.
 */
import type { Department, HouseholdType, KeyGroup } from './catalog.js';
import type { Jurisdiction, Level, Role } from './roles.js';

/** A node of 市 → 镇街 → 行政村 → 网格. */
export interface Region {
  code: string;
  name: string;
  level: Level;
  parentCode: string | null;
  /** Other names people type: "高家堡" for 高家堡镇, pinyin initials "gjb". */
  aliases: string[];
  /**
   * City nodes only: the levels this city names, top down. Absent means all four; a city without
   * grids says `['city', 'town', 'village']` (see hierarchy.ts).
   */
  levels?: Level[] | null;
}

/** Where a household belongs: one code per level. */
export interface Placement {
  cityCode: string;
  townCode: string;
  villageCode: string;
  gridCode: string | null;
}

export type LabourAbility = 'normal' | 'weak' | 'none';
/** 健康状况. */
export type HealthStatus = 'healthy' | 'chronic_illness' | 'serious_illness' | 'disabled';
/** 在校情况. */
export type SchoolingStatus = 'none' | 'preschool' | 'compulsory' | 'high_school' | 'vocational' | 'college' | 'dropout';

export interface Member {
  idNumber: string;
  name: string;
  /** 与户主关系, as written (户主, 配偶, 之子, 之女, …). */
  relation: string;
  labour: LabourAbility;
  health: HealthStatus;
  schooling: SchoolingStatus;
  phone: string | null;
  /**
   * Set when the person no longer belongs to the household (death, marriage, 分户 …). Members are
   * never deleted: a member who leaves is marked, with the day and the reason. Absent/null = active.
   */
  left?: { on: string; reason: string } | null;
}

export interface Household {
  id: number;
  /** 户编号 from the roster. */
  code: string;
  headName: string;
  placement: Placement;
  type: HouseholdType;
  /** 脱贫年度 (脱贫户 only). */
  alleviationYear: number | null;
  dibao: boolean;
  tekun: boolean;
  keyGroups: KeyGroup[];
  phone: string | null;
  members: Member[];
  /** UserID of the responsible grid worker / contact cadre. */
  contactStaff: string | null;
}

export interface Staff {
  userId: string;
  name: string;
  phone: string | null;
  role: Role;
  jurisdiction: Jurisdiction;
  active: boolean;
  /** 行业部门 staff only: the department they speak for (its warnings). */
  department?: Department | null;
}
