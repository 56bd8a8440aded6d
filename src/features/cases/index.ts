import type { ArticleTitles } from '../../shared/article-titles.js';
import type { FeatureDeps, FeatureHandle } from '../../shared/feature.js';
import { langOf } from '../../shared/i18n.js';
import { noIncidents, type IncidentNotices } from '../../shared/incident-notices.js';
import { registerCaseCommands } from './case-commands.js';
import { CaseNotifier } from './case-notifier.js';
import { CaseService } from './case-service.js';
import type { CaseStore } from './case-store.js';
import { isActive, type Case } from './case.js';
import { tickCases } from './case-ticker.js';
import type { CasesContext } from './cases-context.js';
import { registerHandoffRelay } from './handoff-relay.js';
import { registerRequesterActions } from './requester-actions.js';
import { registerSpecialistActions } from './specialist-actions.js';

export type { Case, CaseStatus, CaseEvent } from './case.js';
export { CaseConflict, type CaseStore } from './case-store.js';
export { formatCaseNumber, parseCaseNumber } from './case-number.js';
export { transition } from './transition.js';

export interface CasesDeps extends FeatureDeps {
  store: CaseStore;
  incidents?: IncidentNotices;
  /** Titles of the knowledge articles shown before a case was opened. */
  articleTitles?: ArticleTitles;
}

/**
 * Support cases with human handoff. Listens to: commands `cases.new`, `cases.mine`, `cases.show`,
 * `cases.endChat`, and for specialists `cases.open`, `cases.unassigned`, `cases.myWork`; card verbs
 * `cases.start` (from the knowledge feature's "did not help"), `cases.submit`, `cases.endChat`,
 * `cases.reopen`, `cases.rate`, and for specialists `cases.take`, `cases.reply`, `cases.escalate`,
 * `cases.wait`, `cases.resolve`; interceptors relaying an active handoff both ways.
 */
export function registerCases(deps: CasesDeps): FeatureHandle {
  const { config } = deps;
  const defaultLang = langOf(config.defaultLocale);
  const notifier = new CaseNotifier({
    messenger: deps.messenger, conversations: deps.conversations, signer: deps.signer, logger: deps.logger,
    channelId: config.specialistsChannelId, channelLang: defaultLang, defaultLang, articleTitles: deps.articleTitles,
    deskMention: config.deskMention,
  });
  const rules = { reopenDays: config.cases.reopenDays, dueHours: config.cases.dueHours };
  const service = new CaseService({ store: deps.store, notifier, clock: deps.clock, logger: deps.logger, directory: deps.directory, isSpecialist: deps.isSpecialist, rules, locks: deps.locks });
  const ctx: CasesContext = {
    router: deps.router, service, notifier, signer: deps.signer, clock: deps.clock, logger: deps.logger,
    incidents: deps.incidents ?? noIncidents, isSpecialist: deps.isSpecialist, draftsDir: config.draftsDir, specialistsChannelId: config.specialistsChannelId, reopenDays: config.cases.reopenDays, articleTitles: deps.articleTitles,
  };
  registerCaseCommands(ctx);
  registerRequesterActions(ctx);
  registerSpecialistActions(ctx);
  registerHandoffRelay(ctx);
  const tickerDeps = { service, notifier, reminderBeforeMinutes: config.cases.reminderBeforeMinutes, reopenDays: config.cases.reopenDays, digestHour: config.cases.digestHour,
    retentionDays: config.cases.retentionDays, logger: deps.logger, retention: {},
  };
  deps.metrics?.gauge('casesOpen', async () => (await deps.store.listOpen()).length);
  deps.metrics?.gauge('casesOverdue', async () => countOverdue(await deps.store.listOpen(), deps.clock.now()));
  return {
    name: 'cases',
    tick: (now) => tickCases(tickerDeps, now),
  };
}

/** Active cases past their due time, as the daily digest counts them. */
function countOverdue(open: readonly Case[], now: Date): number {
  return open.filter((item) => isActive(item) && Date.parse(item.dueAt) < now.getTime()).length;
}
