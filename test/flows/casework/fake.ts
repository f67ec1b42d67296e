/**
 * An in-memory CaseworkData for the casework flows' transcripts: one town (高家堡镇), the cases
 * waiting at each level, two subjects, and a media store for written requests.
 *
 * @example
 *   const data = fakeCasework({ town: [leadItem] });
 *   await replay(townReviewFlow, { actor: townOfficial, now: MAY_17, data }, turns);
 */
import type { CaseItem, CaseSubject, CaseworkData } from '../../../src/flows/casework/data.js';
import type { Actor } from '../../../src/flows/types.js';

const staff = (id: string, name: string, role: NonNullable<Actor['staff']>['role'], level: 'village' | 'town' | 'city', code: string): Actor => ({ sender: { channel: 'app', id }, staff: { userId: id, name, role, jurisdiction: { level, code } } });
export const cadre = staff('liucun', '刘村', 'village_cadre', 'village', '610821101001');
export const townOfficial = staff('zhaozhen', '赵镇', 'town_official', 'town', '610821101');
export const cityBureau = staff('chenjing', '陈静', 'city_bureau', 'city', '610821');
export const gridWorker = staff('wangwu', '王五', 'grid_worker', 'village', '610821101001');

/** 2022-05-17 10:00 Asia/Shanghai. */
export const MAY_17 = Date.UTC(2022, 4, 17, 2);

export const leadItem = (over: Partial<Extract<CaseItem, { type: 'lead' }>> = {}): CaseItem => ({
  type: 'lead', leadId: 3, householdId: 1, headName: '张三', villageName: '凉水井村', size: 4, householdType: 'general', note: '儿子住院花了两万',
  discoveredOn: '2022-05-09', deadline: '2022-05-24', publicityUntil: '2022-05-16', missing: [], risks: ['illness'], ...over,
});

export const withdrawalItem: CaseItem = {
  type: 'request', requestId: 8, subjectId: 5, householdId: 3, headName: '王大山', villageName: '凉水井村', size: 3, category: 'unstable_alleviated', includedOn: '2022-03-12',
  payload: { kind: 'withdrawal', reason: 'favouritism', note: '户主是村干部亲属' }, requestedOn: '2022-05-16', publicityUntil: null,
  evidence: { mediaId: 'm1', msgType: 'image', fileName: '书面申请.jpg', bytes: 9, sha256: 'a'.repeat(64) },
};

export const subject = (over: Partial<CaseSubject> = {}): CaseSubject => ({
  id: 4, householdId: 1, headName: '张三', villageName: '凉水井村', size: 4, category: 'marginal', includedOn: '2021-11-01', status: 'open', risks: ['illness'], noLabour: false, ...over,
});

export function fakeCasework(q: { town?: CaseItem[]; city?: CaseItem[]; subjects?: CaseSubject[]; rollbackBy?: string } = {}): CaseworkData {
  return {
    caseCampaign: async () => ({ year: 2022, publicityMinDays: 5, eliminationMinMonths: 6, rollbackBy: q.rollbackBy ?? '2022-05-25', incomeLine: 6700 }),
    caseQueue: async (level) => (level === 'town' ? (q.town ?? []) : (q.city ?? [])),
    caseSubjects: async (name, statuses) => (q.subjects ?? []).filter((s) => s.headName === name && statuses.includes(s.status)),
    caseLeads: async (name) => (name === '张三' ? [{ leadId: 3, householdId: 1, headName: '张三', villageName: '凉水井村', size: 4, comparisonDone: false }] : []),
    caseContacts: async () => ({ village: ['liucun'], town: ['zhaozhen'], city: ['chenjing'] }),
    keepEvidence: async (file) => (file.mediaId === 'expired' ? { ok: false, message: '文件下载失败（可能已过期），请重新发送一次。' } : { ok: true, evidence: { mediaId: file.mediaId, msgType: file.msgType, fileName: file.fileName ?? '书面申请.jpg', bytes: 9, sha256: 'b'.repeat(64) }, contentBase64: 'AAAA' }),
  };
}
