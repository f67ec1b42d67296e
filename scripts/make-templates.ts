/** Rewrites templates/*.csv and *.xlsx from src/bot/import/templates.ts: `npx tsx scripts/make-templates.ts`. */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTemplates } from '../src/bot/import/templates.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'templates');
mkdirSync(dir, { recursive: true });
await writeTemplates(dir);
console.log(`模板已写入 ${dir}`);
