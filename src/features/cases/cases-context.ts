import type { ArticleTitles } from '../../shared/article-titles.js';
import type { CardSigner } from '../../shared/card-signer.js';
import type { Clock } from '../../shared/clock.js';
import type { IncidentNotices } from '../../shared/incident-notices.js';
import type { Logger } from '../../shared/logger.js';
import type { Router } from '../../shared/router.js';
import type { CaseNotifier } from './case-notifier.js';
import type { CaseService } from './case-service.js';

/** What the feature's handlers share. */
export interface CasesContext {
  router: Router;
  service: CaseService;
  notifier: CaseNotifier;
  signer: CardSigner;
  clock: Clock;
  logger: Logger;
  incidents: IncidentNotices;
  isSpecialist: (aadObjectId: string | undefined) => boolean;
  /** Where draft articles from solved cases go (under DATA_DIR unless DRAFTS_DIR says otherwise). */
  draftsDir: string;
  /** The specialists' channel (a Teams channel id); the only channel where a case is shown whole. */
  specialistsChannelId: string;
  reopenDays: number;
  articleTitles?: ArticleTitles;
}
