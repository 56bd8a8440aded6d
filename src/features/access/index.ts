import type { FeatureDeps, FeatureHandle } from '../../shared/feature.js';
import { say, type Text } from '../../shared/i18n.js';
import { cardReply, textReply, type CardAction, type InboundMessage, type TurnTools } from '../../shared/messaging.js';
import { sendReport } from '../../shared/send-report.js';
import { accessErrors } from './access-errors.js';
import type { Catalogue } from './catalogue.js';
import { AccessContext } from './context.js';
import type { PersonRef } from './model.js';
import { auditCsv, endingCsv, holdersCsv, tasksCsv } from './reports.js';
import { RequestService } from './request-service.js';
import { importCard, orderCard } from './substitution-cards.js';
import { SubstitutionApproval } from './substitution-approval.js';
import { SubstitutionService } from './substitution-service.js';
import type { AccessStores } from './stores.js';
import { TaskService } from './task-service.js';

export { loadCatalogue, parseCatalogue, type Catalogue } from './catalogue.js';
export type { AccessStores } from './stores.js';
export { holdersCsv, endingCsv, tasksCsv, auditCsv, toCsv } from './reports.js';
export { scanDue } from './scan-due.js';

const R = {
  roles: { et: 'Kellel milline roll praegu on: {count} rolli.', en: 'Who holds which role now: {count} roles.' },
  ending: { et: 'Järgmise {days} päeva jooksul lõppevad õigused: {count}.', en: 'Rights ending in the next {days} days: {count}.' },
  tasks: { et: 'Avatud ülesanded: {count}, neist tähtaja ületanud {overdue}.', en: 'Open tasks: {count}, of which {overdue} overdue.' },
  audit: { et: 'Ligipääsulogi viimased {count} kannet.', en: 'The latest {count} access log entries.' },
};

/** The report files' names and descriptions (the name carries the day it was made). */
const FILES = {
  roles: { name: 'rollid', description: { et: 'Kellel milline roll praegu on (CSV)', en: 'Who holds which role now (CSV)' } },
  ending: { name: 'loppevad-oigused', description: { et: 'Lähipäevil lõppevad õigused (CSV)', en: 'Rights ending soon (CSV)' } },
  tasks: { name: 'ulesanded', description: { et: 'Avatud ligipääsuülesanded (CSV)', en: 'Open access tasks (CSV)' } },
  audit: { name: 'ligipaasu-logi', description: { et: 'Ligipääsu auditilogi (CSV)', en: 'Access audit log (CSV)' } },
} satisfies Record<string, { name: string; description: Text }>;

const actorOf = (from: CardAction['from'] | InboundMessage['from']): PersonRef => ({ id: from.aadObjectId ?? from.teamsId, name: from.name });
const SPECIALIST = { audience: 'specialist' as const, scopes: ['personal' as const, 'channel' as const] };

/**
 * Access rights: requests and approvals in personal chats, specialists' tasks in their channel,
 * due dates (revocations, suspensions, substitutes) from the scheduler's tick, and an append-only audit trail.
 */
export function registerAccess(deps: FeatureDeps, catalogue: Catalogue, stores: AccessStores): FeatureHandle {
  const { router } = deps;
  const ctx = new AccessContext(deps, catalogue, stores);
  const tasks = new TaskService(ctx);
  const requests = new RequestService(ctx, tasks);
  const approval = new SubstitutionApproval(ctx, tasks);
  const substitutions = new SubstitutionService(ctx, approval);
  /** A report goes as a CSV file: in the personal chat, or from a channel to the asker personally. */
  const report = (message: InboundMessage, tools: TurnTools, which: keyof typeof FILES, summary: string, csv: string) =>
    sendReport(deps, message, tools, summary, { name: `${FILES[which].name}-${ctx.today()}.csv`, content: csv, description: say(FILES[which].description, message.lang), contentType: 'text/csv' });
  deps.metrics?.gauge('accessTasksOpen', async () => (await stores.tasks.open()).length);
  deps.metrics?.gauge('accessTasksOverdue', async () => (await stores.tasks.open()).filter((task) => task.due < ctx.today()).length);

  router.command({ key: 'access.request', names: { et: ['ligipääs', 'ligipääsutaotlus'], en: ['access', 'access request'] }, help: { et: 'avab ligipääsutaotluse vormi (õiguste andmine, peatamine, kontode sulgemine)', en: 'opens the access request form (granting rights, suspension, closing accounts)' } },
    async (message, tools) => { await tools.reply(await requests.form(message)); });
  router.action('access.submit', (action, tools) => requests.submit(action, tools));
  router.action('access.decide', (action, tools) => requests.decide(action, tools));
  router.action('access.task.done', async (action, tools) => { await tasks.complete(String(action.data.taskId), actorOf(action.from), 'done', '', tools); }, { audience: 'specialist' });
  router.action('access.task.impossible', async (action, tools) => { await tasks.complete(String(action.data.taskId), actorOf(action.from), 'impossible', String(action.data.reason ?? ''), tools); }, { audience: 'specialist' });

  router.command({ key: 'access.substitutions', names: { et: ['asendused'], en: ['substitutions'] }, help: { et: 'käimasolevad ja eelseisvad asendused', en: 'current and upcoming substitutions' }, ...SPECIALIST },
    async (message, tools) => { await tools.reply(await substitutions.upcoming(message.lang)); });
  router.command({ key: 'access.substitutions.import', names: { et: ['impordi asendused'], en: ['import substitutions'] }, help: { et: 'impordib asendused CSV-st (puhkusegraafik)', en: 'imports substitutions from CSV (leave schedule)' }, takesArgument: true, ...SPECIALIST },
    async (message, tools, argument) => {
      if (!argument.trim()) return void (await tools.reply(cardReply(importCard(message.lang, deps.signer))));
      await tools.reply(await substitutions.importCsv(argument, actorOf(message.from), message.lang, message.address));
    });
  router.action('access.substitutions.import', async (action, tools) => {
    const csv = String(action.data.csv ?? '');
    if (!csv.trim()) throw accessErrors.csvMissing();
    await tools.reply(await substitutions.importCsv(csv, actorOf(action.from), action.lang, action.address));
  }, { audience: 'specialist' });
  router.command({ key: 'access.substitution.new', names: { et: ['uus asendus'], en: ['new substitution'] }, help: { et: 'paneb vormiga kirja asendamise korralduse', en: 'records a substitution order with a form' }, ...SPECIALIST },
    async (message, tools) => { await tools.reply(cardReply(orderCard(message.lang, deps.signer, ctx.today()))); });
  router.action('access.substitution.order', async (action, tools) => {
    const field = (key: string) => String(action.data[key] ?? '').trim();
    const row = { line: 1, person: field('person'), substitute: field('substitute'), from: field('from'), to: field('to'), rights: field('rights') };
    const { recorded, problems } = await substitutions.record([row], 'order', actorOf(action.from), action.address);
    if (problems.length > 0) return void (await tools.reply(problems[0].reason[action.lang]));
    await tools.replaceCard(textReply(substitutions.line(recorded[0], action.lang)));
  }, { audience: 'specialist' });
  router.action('access.substitution.decide', (action, tools) => approval.decide(action, tools));

  router.command({ key: 'access.roles', names: { et: ['rollid'], en: ['roles'] }, help: { et: 'kellel milline roll on (CSV)', en: 'who holds which role (CSV)' }, ...SPECIALIST },
    async (message, tools) => {
      const grants = await stores.grants.active();
      await report(message, tools, 'roles', say(R.roles, message.lang, { count: grants.length }), holdersCsv(catalogue, grants));
    });
  router.command({ key: 'access.ending', names: { et: ['lõppevad õigused'], en: ['ending rights'] }, help: { et: 'lähipäevil lõppevad õigused, nt „lõppevad õigused 14“ (CSV)', en: 'rights ending soon, e.g. "ending rights 14" (CSV)' }, takesArgument: true, ...SPECIALIST },
    async (message, tools, argument) => {
      const days = Math.min(Math.max(Number.parseInt(argument, 10) || 30, 0), 3660);
      const csv = endingCsv(catalogue, await stores.grants.active(), ctx.today(), days);
      await report(message, tools, 'ending', say(R.ending, message.lang, { days, count: csv.split('\n').length - 1 }), csv);
    });
  router.command({ key: 'access.tasks', names: { et: ['ülesanded'], en: ['tasks'] }, help: { et: 'avatud ja tähtaja ületanud ligipääsuülesanded (CSV)', en: 'open and overdue access tasks (CSV)' }, ...SPECIALIST },
    async (message, tools) => {
      const open = await stores.tasks.open();
      const overdue = open.filter((task) => task.due < ctx.today()).length;
      await report(message, tools, 'tasks', say(R.tasks, message.lang, { count: open.length, overdue }), tasksCsv(open, ctx.today()));
    });
  router.command({ key: 'access.audit', names: { et: ['ligipääsu logi'], en: ['access log'] }, help: { et: 'ligipääsu auditilogi viimased kanded (CSV)', en: 'the latest access audit entries (CSV)' }, ...SPECIALIST },
    async (message, tools) => {
      const entries = await stores.audit.recent(50);
      await report(message, tools, 'audit', say(R.audit, message.lang, { count: entries.length }), auditCsv(entries));
    });

  return {
    name: 'access',
    ready: () => true,
    async tick(now) {
      await tasks.retryUnposted();
      await tasks.scan(now);
      await substitutions.finishEnded();
    },
  };
}
