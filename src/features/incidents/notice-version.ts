import { DomainError, isDomainError } from '../../shared/errors.js';
import type { Text } from '../../shared/i18n.js';
import { plainText } from '../../shared/plain-text.js';
import type { Incident } from './incident.js';

/**
 * The signed argument of an update form and its preview: the incident version they were built
 * from. Signed arguments win over form inputs of the same name (see the edge's `toCardAction`).
 */
export const VERSION_ARG = 'v';

/** The incident a form or preview was built from: its id and version. */
export interface BuiltFrom {
  id: string;
  version: number;
}

export const NOTICE_CHANGED_CODE = 'INCIDENT_NOTICE_CHANGED';

const CHANGED: Text = {
  et: 'Teadet {id} on vahepeal muudetud, seega ma sinu muudatust ei salvestanud ega saatnud. Siin on teate praegune seis.',
  en: 'Notice {id} has been changed in the meantime, so I have not saved or sent your change. Here is its current state.',
};
const CHANGED_BY: Text = {
  et: 'Teadet {id} on vahepeal muutnud {name}, seega ma sinu muudatust ei salvestanud ega saatnud. Siin on teate praegune seis.',
  en: 'Notice {id} has been changed by {name} in the meantime, so I have not saved or sent your change. Here is its current state.',
};
const MONITORING: Text = { et: 'seiresüsteem', en: 'monitoring' };

/** Shown under the current state of an open notice: how to go on from it. */
export const CHANGED_HINT: Text = {
  et: 'Kui soovid seda veel muuta, vajuta kaardil „Lisa uuendus“: vorm avaneb praeguse seisu põhjal.',
  en: 'To change it further, press "Post an update" on the card: the form opens from its current state.',
};

/** The version a card was built from, read from its signed data; undefined when it carries none. */
export function versionOf(data: Record<string, unknown>): number | undefined {
  const value = data[VERSION_ARG];
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}

/** Who made the change after `version`: a specialist's name, or monitoring. */
function changedBy(incident: Incident, version: number): string | Text | undefined {
  const by = incident.history.find((entry) => entry.version === version + 1)?.by;
  if (by?.name) return plainText(by.name);
  return by?.source === 'webhook' || by?.source === 'alertmanager' ? MONITORING : undefined;
}

/** The refusal of a form or preview built from an older version (or from none: a card made before versions were signed). */
function noticeChanged(id: string, stored: Incident | undefined, version: number | undefined): DomainError {
  const name = stored && version !== undefined ? changedBy(stored, version) : undefined;
  return name ? new DomainError(NOTICE_CHANGED_CODE, CHANGED_BY, { id, name }) : new DomainError(NOTICE_CHANGED_CODE, CHANGED, { id });
}

/** The refusal when `stored` is no longer the version the card was built from; undefined while it is. */
export function staleFor(stored: Incident | undefined, builtFrom: { id: string; version: number | undefined }): DomainError | undefined {
  if (stored && builtFrom.version !== undefined && stored.version === builtFrom.version) return undefined;
  return noticeChanged(builtFrom.id, stored, builtFrom.version);
}

/** Refuses unless `stored` is still the version the card was built from (`staleFor`). */
export function checkBuiltFrom(stored: Incident | undefined, builtFrom: { id: string; version: number | undefined }): void {
  const stale = staleFor(stored, builtFrom);
  if (stale) throw stale;
}

export const isNoticeChanged = (error: unknown): error is DomainError => isDomainError(error) && error.code === NOTICE_CHANGED_CODE;
