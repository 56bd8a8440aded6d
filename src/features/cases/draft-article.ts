import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { maskPersonalCodes } from '../../shared/personal-code.js';
import type { Case } from './case.js';

const quote = (value: string): string => JSON.stringify(value);

function titleOf(text: string): string {
  const first = text.split(/\r?\n/).find((line) => line.trim()) ?? text;
  const trimmed = first.trim();
  return trimmed.length > 90 ? `${trimmed.slice(0, 87).trimEnd()}…` : trimmed;
}

/** The Markdown of a draft article made from a solved case; personal codes masked. */
export function draftArticleText(item: Case, resolution: string, day: string): string {
  const question = maskPersonalCodes(item.question ?? item.description);
  const system = item.system === 'other' ? 'general' : item.system;
  const lines = [
    '---',
    `id: ${item.id.toLowerCase()}`,
    `title: ${quote(titleOf(question))}`,
    `system: ${system}`,
    'lang: et',
    'phrasings:',
    `  - ${quote(titleOf(question))}`,
    'keywords: []',
    `updated: ${day}`,
    'owner: kasutajatugi',
    'sources:',
    `  - ${quote(`pöördumine ${item.id}`)}`,
    'draft: true',
    '---',
    '',
    `## ${titleOf(question)}`,
    '',
    maskPersonalCodes(item.description),
    '',
    '## Lahendus',
    '',
    maskPersonalCodes(resolution),
    '',
  ];
  return lines.join('\n');
}

/** Writes `<knowledgeDir>/drafts/<case-number>.md` for a specialist to review and publish. */
export async function saveDraftArticle(knowledgeDir: string, item: Case, resolution: string, day: string): Promise<string> {
  const dir = join(knowledgeDir, 'drafts');
  await fs.mkdir(dir, { recursive: true });
  const file = join(dir, `${item.id}.md`);
  await fs.writeFile(file, draftArticleText(item, resolution, day), 'utf8');
  return file;
}
