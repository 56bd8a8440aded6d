import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { newId } from '../../shared/ids.js';
import { maskPersonalCodes } from '../../shared/personal-code.js';
import { plainText } from '../../shared/plain-text.js';
import type { Case } from './case.js';

const quote = (value: string): string => JSON.stringify(value);

/** Typed text as it may stand in an article: personal codes masked, Markdown shown as text. */
const clean = (value: string): string => plainText(maskPersonalCodes(value));

function titleOf(text: string): string {
  const first = text.split(/\r?\n/).find((line) => line.trim()) ?? text;
  const trimmed = first.trim();
  return trimmed.length > 90 ? `${trimmed.slice(0, 87).trimEnd()}…` : trimmed;
}

/**
 * The Markdown of a draft article made from a solved case. Everything in it was typed by the
 * requester or the specialist: personal codes are masked (a mistyped one too) and Markdown is
 * escaped, so the draft shows no link or formatting nobody reviewed.
 */
export function draftArticleText(item: Case, resolution: string, day: string): string {
  const title = plainText(titleOf(maskPersonalCodes(item.question ?? item.description)));
  const system = item.system === 'other' ? 'general' : item.system;
  const lines = [
    '---',
    `id: ${item.id.toLowerCase()}`,
    `title: ${quote(title)}`,
    `system: ${system}`,
    'lang: et',
    'phrasings:',
    `  - ${quote(title)}`,
    'keywords: []',
    `updated: ${day}`,
    'owner: kasutajatugi',
    'sources:',
    `  - ${quote(`pöördumine ${item.id}`)}`,
    'draft: true',
    '---',
    '',
    `## ${title}`,
    '',
    clean(item.description),
    '',
    '## Lahendus',
    '',
    clean(resolution),
    '',
  ];
  return lines.join('\n');
}

/** The draft's file name: the case number, which the bot assigns (nothing the requester typed). */
export function draftFileName(item: Case): string {
  return `${item.id}.md`;
}

/**
 * Writes `<draftsDir>/<case-number>.md` for a specialist to review and publish: owner-only, and
 * atomically (a temporary file renamed), so a crash leaves no half-written draft.
 */
export async function saveDraftArticle(draftsDir: string, item: Case, resolution: string, day: string): Promise<string> {
  await fs.mkdir(draftsDir, { recursive: true, mode: 0o700 });
  const file = join(draftsDir, draftFileName(item));
  const temporary = `${file}.${newId()}.tmp`;
  try {
    await fs.writeFile(temporary, draftArticleText(item, resolution, day), { encoding: 'utf8', mode: 0o600 });
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
  return file;
}
