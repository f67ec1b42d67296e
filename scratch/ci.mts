import { classifyIntent } from '../src/flows/understand/intents.ts';
for (const t of process.argv.slice(2)) console.log(t, JSON.stringify(classifyIntent(t, 'village_cadre')));
