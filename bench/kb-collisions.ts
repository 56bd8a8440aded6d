/**
 * Reading errors of the synonym groups: every word of a broad word list that the analysis sends to
 * a synonym group without being one of its members, with the member whose stem it met. A list to
 * read by eye: most lines are inflected forms of a member (koolitusel -> ~training), the rest are
 * words that only share a stem with a member ("saata", send, met "saate", you get).
 *
 *   npx tsx bench/kb-collisions.ts [--source FILE]... [--all]
 *
 * Words come from the articles (knowledge/, knowledge/en/) and /work/shared/reference/kb-facts.md
 * (all three if no --source). Without --all only suspicious meetings are printed: the stem has
 * four letters or fewer, or the word and the member differ in their first four letters. Members are
 * met through stems in their own language only (an Estonian word through Estonian members' stems).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { foldText } from '../src/shared/i18n.js';
import { indexForm } from '../src/features/knowledge/analyse-text.js';
import { stemEnglish, stemEstonian } from '../src/features/knowledge/stem-word.js';
import { STOP_WORDS } from '../src/features/knowledge/stop-words.js';
import { SYNONYM_GROUPS } from '../src/features/knowledge/synonyms.js';

type Lang = 'et' | 'en';

const DEFAULT_SOURCES = ['knowledge', 'knowledge/en', '/work/shared/reference/kb-facts.md'];

async function textsOf(source: string): Promise<string[]> {
  if (source.endsWith('.md') || source.endsWith('.txt') || source.endsWith('.dic')) return [await readFile(source, 'utf8')];
  const names = (await readdir(source)).filter((name) => name.endsWith('.md'));
  return Promise.all(names.map((name) => readFile(join(source, name), 'utf8')));
}

/** Members as written, by group, and which members (in their own language) each stem comes from. */
function memberIndex(): { memberOf: Map<string, string>; fromStem: Map<string, string[]> } {
  const memberOf = new Map<string, string>();
  const fromStem = new Map<string, string[]>();
  for (const [group, members] of Object.entries(SYNONYM_GROUPS)) {
    for (const lang of ['et', 'en'] as const) {
      for (const member of members[lang].map((word) => foldText(word))) {
        memberOf.set(member, `~${group}`);
        const stem = lang === 'et' ? stemEstonian(member) : stemEnglish(member);
        const list = fromStem.get(`${lang}:${stem}`) ?? [];
        list.push(member);
        fromStem.set(`${lang}:${stem}`, list);
      }
    }
  }
  return { memberOf, fromStem };
}

interface Meeting { word: string; lang: Lang; group: string; stem: string; members: string[]; count: number }

function suspicious(meeting: Meeting): boolean {
  if (meeting.stem.length <= 4) return true;
  return meeting.members.some((member) => member.slice(0, 4) !== meeting.word.slice(0, 4));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { source: { type: 'string', multiple: true }, all: { type: 'boolean', default: false } } });
  const sources = values.source ?? DEFAULT_SOURCES;
  const counts = new Map<string, number>();
  for (const source of sources) {
    for (const text of await textsOf(source)) {
      for (const word of foldText(text).split(/[^a-z]+/)) {
        if (word.length >= 2 && !STOP_WORDS.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    }
  }
  const { memberOf, fromStem } = memberIndex();
  const meetings: Meeting[] = [];
  for (const [word, count] of counts) {
    if (memberOf.has(word)) continue;
    for (const lang of ['et', 'en'] as const) {
      const group = indexForm(word, lang);
      if (!group.startsWith('~')) continue;
      const stem = lang === 'et' ? stemEstonian(word) : stemEnglish(word);
      const members = (fromStem.get(`${lang}:${stem}`) ?? []).filter((member) => memberOf.get(member) === group);
      meetings.push({ word, lang, group, stem, members, count });
    }
  }
  const shown = values.all ? meetings : meetings.filter(suspicious);
  shown.sort((a, b) => a.group.localeCompare(b.group) || b.count - a.count);
  for (const meeting of shown) {
    console.log(`${meeting.group.padEnd(20)} ${meeting.lang} ${meeting.word.padEnd(22)} x${String(meeting.count).padEnd(4)} stem ${meeting.stem.padEnd(14)} via ${meeting.members.join(' ')}`);
  }
  console.log(`${shown.length} of ${meetings.length} word/language meetings with a group through a stem (${counts.size} words read)`);
}

await main();
