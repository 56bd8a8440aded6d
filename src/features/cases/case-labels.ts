import type { Lang, Text } from '../../shared/i18n.js';
import { tallinnDay, tallinnParts, tallinnTime } from '../../shared/tallinn-time.js';
import type { CaseEvent, CaseKind, CaseStatus, CaseSystem, Urgency } from './case.js';

export const SYSTEM_LABELS: Record<CaseSystem, Text> = {
  SKAIS: { et: 'SKAIS', en: 'SKAIS' },
  STAR: { et: 'STAR', en: 'STAR' },
  other: { et: 'muu register', en: 'other register' },
};

export const KIND_LABELS: Record<CaseKind, Text> = {
  usage: { et: 'kasutamise küsimus', en: 'usage question' },
  data: { et: 'andmeviga', en: 'data error' },
  broken: { et: 'funktsioon ei tööta', en: 'function not working' },
  access: { et: 'ligipääs', en: 'access' },
  other: { et: 'muu', en: 'other' },
};

export const URGENCY_LABELS: Record<Urgency, Text> = {
  critical: { et: 'kriitiline', en: 'critical' },
  high: { et: 'kõrge', en: 'high' },
  normal: { et: 'tavaline', en: 'normal' },
  low: { et: 'madal', en: 'low' },
};

export const STATUS_LABELS: Record<CaseStatus, Text> = {
  new: { et: 'uus', en: 'new' },
  in_progress: { et: 'töös', en: 'in progress' },
  waiting_for_user: { et: 'ootab pöörduja vastust', en: 'waiting for the requester' },
  escalated: { et: 'edastatud', en: 'escalated' },
  resolved: { et: 'lahendatud', en: 'resolved' },
  closed: { et: 'suletud', en: 'closed' },
};

/** What each event is called when it cannot be done. */
export const EVENT_LABELS: Record<CaseEvent['type'] | 'rate', Text> = {
  take: { et: 'võta enda kätte', en: 'assign to me' },
  escalate: { et: 'edasta', en: 'escalate' },
  wait_for_user: { et: 'küsi lisainfot', en: 'ask for more information' },
  user_replied: { et: 'vastus pöördujalt', en: 'reply from the requester' },
  resolve: { et: 'lahenda', en: 'resolve' },
  reopen: { et: 'ava uuesti', en: 'reopen' },
  close: { et: 'sulge', en: 'close' },
  handoff_start: { et: 'alusta vestlust', en: 'start a chat' },
  handoff_end: { et: 'lõpeta vestlus', en: 'end the chat' },
  rate: { et: 'hinda', en: 'rate' },
};

/** The form's fields, as the form calls them. */
export const FIELD_LABELS: Record<'system' | 'kind' | 'urgency' | 'description' | 'escalateTo', Text> = {
  system: { et: 'Süsteem', en: 'System' },
  kind: { et: 'Pöördumise liik', en: 'Type of case' },
  urgency: { et: 'Kiireloomulisus', en: 'Urgency' },
  description: { et: 'Kirjeldus', en: 'Description' },
  escalateTo: { et: 'Kellele', en: 'To whom' },
};

export const SPECIALIST_ROLE: Text = { et: 'kasutajatugi', en: 'support desk' };

/** A time as people in Estonia read it, in either language (never `08/12/2026`): `26.11.2026 10:00`. */
export function formatTime(iso: string, _lang: Lang): string {
  return tallinnTime(new Date(iso));
}

/** The date and hour in Tallinn, for the daily digest. */
export function tallinnDayAndHour(at: Date): { day: string; hour: number } {
  return { day: tallinnDay(at), hour: Number(tallinnParts(at).hour) };
}
