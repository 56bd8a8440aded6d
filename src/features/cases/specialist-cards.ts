import { adaptiveCard, facts, heading, paragraph } from '../../shared/cards.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import type { Reply } from '../../shared/messaging.js';
import { ACTIVE_STATUSES, type Case } from './case.js';
import { STATUS_LABELS, SYSTEM_LABELS, URGENCY_LABELS, formatTime } from './case-labels.js';
import { plainText } from '../../shared/plain-text.js';
import { tallinnDate } from '../../shared/tallinn-time.js';

const T = {
  none: { et: 'Selliseid pöördumisi ei ole.', en: 'There are no such cases.' },
  overdue: { et: 'üle tähtaja', en: 'overdue' },
  digestTitle: { et: 'Pöördumiste ülevaade {day}', en: 'Case overview {day}' },
  open: { et: 'Avatud kokku', en: 'Total open' },
  unassigned: { et: 'Määramata', en: 'Unassigned' },
  overdueCount: { et: 'Üle tähtaja', en: 'Overdue' },
  dueToday: { et: 'Tähtaeg järgmise 24 tunni jooksul', en: 'Due within 24 hours' },
} satisfies Record<string, Text>;

function line(item: Case, now: Date, lang: Lang): string {
  const late = Date.parse(item.dueAt) < now.getTime() ? ` **${say(T.overdue, lang)}**` : '';
  const who = item.assignee ? `, ${plainText(item.assignee.name)}` : '';
  return `- **${item.id}** ${say(SYSTEM_LABELS[item.system], lang)}, ${say(URGENCY_LABELS[item.urgency], lang)}, ${say(STATUS_LABELS[item.status], lang)}${who}; ${formatTime(item.dueAt, lang)}${late}`;
}

/** A list of cases for specialists, most urgent due time first. */
export function caseListCard(title: Text, items: Case[], now: Date, lang: Lang): Reply {
  const sorted = [...items].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const heading_ = `${say(title, lang)} (${items.length})`;
  const text = sorted.length === 0 ? say(T.none, lang) : sorted.slice(0, 50).map((item) => line(item, now, lang)).join('\n');
  return { kind: 'card', card: adaptiveCard([heading(heading_), paragraph(text)]), summary: heading_ };
}

/** The daily digest in the specialists' channel. */
export function digestCard(items: Case[], now: Date, day: string, lang: Lang): Reply {
  const active = items.filter((item) => ACTIVE_STATUSES.includes(item.status));
  const overdue = active.filter((item) => Date.parse(item.dueAt) < now.getTime());
  const soon = active.filter((item) => Date.parse(item.dueAt) >= now.getTime() && Date.parse(item.dueAt) < now.getTime() + 86_400_000);
  const title = say(T.digestTitle, lang, { day: tallinnDate(day) });
  const body = [
    heading(title),
    facts([
      [say(T.open, lang), String(active.length)],
      [say(T.unassigned, lang), String(active.filter((item) => !item.assignee).length)],
      [say(T.overdueCount, lang), String(overdue.length)],
      [say(T.dueToday, lang), String(soon.length)],
    ]),
  ];
  const listed = [...overdue, ...soon].slice(0, 30);
  if (listed.length > 0) body.push(paragraph(listed.map((item) => line(item, now, lang)).join('\n')));
  return { kind: 'card', card: adaptiveCard(body), summary: title };
}
