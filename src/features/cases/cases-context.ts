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
  knowledgeDir: string;
  reopenDays: number;
  articleTitles?: ArticleTitles;
}
