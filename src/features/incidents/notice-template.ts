import { say, type Text } from '../../shared/i18n.js';
import { tallinnTime } from '../../shared/tallinn-time.js';
import { followedSystemOf, type IncidentContent, type Severity } from './incident.js';

/** How each system is named to its users; other systems by the name monitoring gave them. */
const SYSTEM_NAMES: Record<string, Text> = {
  SKAIS: { et: 'SKAIS', en: 'SKAIS' },
  STAR: { et: 'STAR', en: 'STAR' },
};

const TITLE: Record<'down' | 'slow', Text> = {
  down: { et: '{system} ei tööta', en: '{system} is down' },
  slow: { et: '{system} on aeglane', en: '{system} is slow' },
};

const DESCRIPTION: Record<'down' | 'slow', Text> = {
  down: {
    et: '{system} ei tööta alates {since}. Tegeleme sellega ja anname teada, kui olukord muutub.',
    en: '{system} has been down since {since}. We are working on it and will let you know when this changes.',
  },
  slow: {
    et: '{system} töötab alates {since} tavapärasest aeglasemalt. Tegeleme sellega ja anname teada, kui olukord muutub.',
    en: '{system} has been slower than usual since {since}. We are working on it and will let you know when this changes.',
  },
};

const AND: Text = { et: ' ja ', en: ' and ' };

/** A critical alert means the system is down; anything less, that it is slow. */
export const effectOf = (severity: Severity): 'down' | 'slow' => (severity === 'critical' ? 'down' : 'slow');

function systemName(system: string, lang: 'et' | 'en'): string {
  const followed = followedSystemOf(system);
  const known = followed !== 'other' && system.trim().toUpperCase() === followed ? SYSTEM_NAMES[followed] : undefined;
  return known ? say(known, lang) : system.trim();
}

/**
 * The user-facing text of monitoring's notice, from the per-system template: the system's name,
 * "aeglane / ei tööta" and since when (Tallinn time). Never the alert's own words, hosts or labels.
 */
export function templateContent(alert: { systems: string[]; severity: Severity; startsAt?: string }, now: Date): IncidentContent {
  const effect = effectOf(alert.severity);
  const since = tallinnTime(new Date(alert.startsAt ?? now.toISOString()));
  const names = (lang: 'et' | 'en') => alert.systems.map((system) => systemName(system, lang)).join(say(AND, lang));
  return {
    systems: [...new Set(alert.systems)],
    severity: alert.severity,
    status: 'investigating',
    title: say(TITLE[effect], 'et', { system: names('et') }),
    description: say(DESCRIPTION[effect], 'et', { system: names('et'), since }),
    titleEn: say(TITLE[effect], 'en', { system: names('en') }),
    descriptionEn: say(DESCRIPTION[effect], 'en', { system: names('en'), since }),
    startsAt: alert.startsAt,
  };
}

/** True when the operator lets `system`'s alerts of this severity go out without review (NOTICE_AUTO_PUBLISH). */
export function autoPublishes(rules: ReadonlyArray<{ system: string; severity: string }>, systems: readonly string[], severity: Severity): boolean {
  return systems.length > 0 && systems.every((system) => rules.some((rule) => rule.severity === severity && rule.system === system.trim().toUpperCase()));
}

const MAINTENANCE_TITLE: Text = { et: '{system} on hoolduse ajal kättesaamatu', en: '{system} will be unavailable during maintenance' };
const MAINTENANCE_DESCRIPTION: Text = {
  et: '{system} ei ole hoolduse tõttu kättesaadav {start} kuni {end}. Palun salvesta pooleli olev töö enne hoolduse algust.',
  en: '{system} will be unavailable for maintenance from {start} to {end}. Please save any unfinished work before the maintenance starts.',
};

/** The user-facing text of a planned maintenance, from the same per-system names; times in Tallinn time. */
export function maintenanceTemplate(systems: readonly string[], startsAt: Date, endsAt: Date): Pick<IncidentContent, 'title' | 'description' | 'titleEn' | 'descriptionEn'> {
  const names = (lang: 'et' | 'en') => systems.map((system) => systemName(system, lang)).join(say(AND, lang));
  const times = { start: tallinnTime(startsAt), end: tallinnTime(endsAt) };
  return {
    title: say(MAINTENANCE_TITLE, 'et', { system: names('et') }),
    description: say(MAINTENANCE_DESCRIPTION, 'et', { system: names('et'), ...times }),
    titleEn: say(MAINTENANCE_TITLE, 'en', { system: names('en') }),
    descriptionEn: say(MAINTENANCE_DESCRIPTION, 'en', { system: names('en'), ...times }),
  };
}
