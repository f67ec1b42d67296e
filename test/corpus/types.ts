export type Verdict = 'correct' | 'asked' | 'wrong' | 'silent_misrecord' | 'not_understood';
export interface ItemResult { id: string; role: 'field' | 'official' | 'farmer'; text: string; verdict: Verdict; firstMessage: boolean; detail?: string }
