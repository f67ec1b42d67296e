/** Matchers for official replies: markdown by its plain-text fallback, text exactly or by pattern. */
import { expect } from 'vitest';
import type { Reply } from '../../../src/flows/types.js';

export const md = (fallback: string | RegExp) => ({ type: 'markdown', markdown: expect.any(String), fallback: typeof fallback === 'string' ? fallback : expect.stringMatching(fallback) });
export const text = (t: string | RegExp) => ({ type: 'text', text: typeof t === 'string' ? t : expect.stringMatching(t) });
/** A text reply with no digit at all: a refusal must not leak a number. */
export const noDigits = { asymmetricMatch: (r: Reply) => r.type === 'text' && !/\d/.test(r.text), toString: () => 'a text reply without digits' };
