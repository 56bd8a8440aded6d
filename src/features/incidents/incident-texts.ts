import { say, type Lang, type Text } from '../../shared/i18n.js';
import { tallinnTime } from '../../shared/tallinn-time.js';
import type { IncidentStatus, Severity } from './incident.js';

export const SEVERITY_TEXT: Record<Severity, Text> = {
  critical: { et: 'kriitiline', en: 'critical' },
  major: { et: 'oluline', en: 'major' },
  minor: { et: 'väike', en: 'minor' },
};

export const STATUS_TEXT: Record<IncidentStatus, Text> = {
  investigating: { et: 'uurime', en: 'investigating' },
  identified: { et: 'põhjus on leitud', en: 'cause identified' },
  monitoring: { et: 'parandus on tehtud, jälgime', en: 'fix applied, monitoring' },
  resolved: { et: 'lahendatud', en: 'resolved' },
};

export const FACT: Record<'systems' | 'severity' | 'status' | 'started' | 'expectedEnd' | 'resolved' | 'updated' | 'ref', Text> = {
  systems: { et: 'Süsteemid', en: 'Systems' },
  severity: { et: 'Mõju', en: 'Severity' },
  status: { et: 'Olek', en: 'Status' },
  started: { et: 'Algus', en: 'Started' },
  expectedEnd: { et: 'Eeldatav lõpp', en: 'Expected end' },
  resolved: { et: 'Lahendatud', en: 'Resolved' },
  updated: { et: 'Viimati uuendatud', en: 'Last updated' },
  ref: { et: 'Tunnus', en: 'Id' },
};

/** A time as people in Estonia read it (Europe/Tallinn), e.g. `26.11.2026 10:00`, in both languages. */
export function formatTime(iso: string | undefined, _lang: Lang): string | undefined {
  return iso ? tallinnTime(new Date(iso)) : undefined;
}

export const severityOf = (severity: Severity, lang: Lang): string => say(SEVERITY_TEXT[severity], lang);
export const statusOf = (status: IncidentStatus, lang: Lang): string => say(STATUS_TEXT[status], lang);
