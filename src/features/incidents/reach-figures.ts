import { facts, type Element } from '../../shared/cards.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import type { InstallFigures, InstallMode } from './app-installs.js';
import type { Broadcast } from './incident-store.js';

/** For a targeted notice: what became of the people who had no chat with the bot when it was published. */
export interface ReachFigures extends Omit<InstallFigures, 'forbidden'> {
  /** People the notice cannot reach: installs off, refused (403) or failed. */
  cannot: number;
  mode: InstallMode;
}

export function reachFiguresOf(reach: Broadcast['reach'], installs: InstallFigures, mode: InstallMode): ReachFigures | undefined {
  if (!reach || reach.unreached === 0) return undefined;
  const requested = installs.installed + installs.already + installs.pending + installs.failed + installs.forbidden;
  const cannot = Math.max(0, reach.unreached - requested) + installs.forbidden + installs.failed;
  return { installed: installs.installed, already: installs.already, pending: installs.pending, failed: installs.failed, cannot, mode };
}

const T: Record<'installed' | 'already' | 'pending' | 'failed' | 'cannot', Text> = {
  installed: { et: 'Robot paigaldatud', en: 'Bot installed' },
  already: { et: 'Robot oli juba olemas', en: 'Bot was already there' },
  pending: { et: 'Paigaldamine ootel', en: 'Installs waiting' },
  failed: { et: 'Paigaldamine ebaõnnestus', en: 'Installs failed' },
  cannot: { et: 'Ei saa teadet kätte (robotit pole ja paigaldada ei saa)', en: 'Cannot be reached (no bot, and it cannot be installed)' },
};

/** The report's lines about installs and people out of reach; only the counts that are not zero. */
export function reachLines(reach: ReachFigures | undefined, lang: Lang): Element[] {
  if (!reach) return [];
  const shown = (['installed', 'already', 'pending', 'failed', 'cannot'] as const).filter((key) => reach[key] > 0);
  return shown.length > 0 ? [facts(shown.map((key) => [say(T[key], lang), String(reach[key])]))] : [];
}
