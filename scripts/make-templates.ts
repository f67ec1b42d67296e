/**
 * Rewrites templates/*.csv and *.xlsx from src/bot/import/templates.ts: `npx tsx scripts/make-templates.ts`.
 * The example dates are those of the latest campaign whose dates have passed (templateYear), so
 * the shipped files import cleanly as shipped; run it again when a new campaign year begins.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTemplates } from '../src/bot/import/templates.js';
import { shanghaiDay } from '../src/domain/shanghai-days.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'templates');
mkdirSync(dir, { recursive: true });
await writeTemplates(dir, shanghaiDay(Date.now()));
console.log(`模板已写入 ${dir}`);
