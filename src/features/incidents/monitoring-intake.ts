import { alertChanged } from './alert-details.js';
import { contentOf, differsFrom, isPublished, openIncident, reviseIncident, type AlertDetails, type Incident, type IncidentActor } from './incident.js';
import type { IncidentInput } from './incident-input.js';
import { autoPublishes, templateContent } from './notice-template.js';

/** Who hears about a decision: nobody, the desk (a draft) or the notice's whole audience. */
export type Reach = 'none' | 'desk' | 'everyone';

export interface MonitoringDecision {
  incident: Incident;
  outcome: 'created' | 'updated' | 'unchanged';
  reach: Reach;
}

export interface MonitoringContext {
  alert: AlertDetails;
  /** Monitoring's "still firing" keeps the status a specialist set. */
  keepStatus?: boolean;
  rules: ReadonlyArray<{ system: string; severity: string }>;
  now: Date;
  by: IncidentActor;
  newId: () => string;
}

/** The next version with `changes`, recorded in the history. */
export function bumpIncident(incident: Incident, changes: Partial<Incident>, now: Date, by: IncidentActor): Incident {
  const at = now.toISOString();
  const next: Incident = { ...incident, ...changes, version: incident.version + 1, updatedAt: at, history: [...incident.history] };
  if (next.status === 'resolved') next.resolvedAt ??= at;
  next.history.push({ version: next.version, at, status: next.status, description: next.description, by });
  return next;
}

/**
 * What an alert does (pure): a new alert opens a draft for the desk with the template's text, or
 * publishes it at once under an operator's rule; a firing update refreshes a draft (the desk's
 * card), or changes only the status and severity people see of a published notice; a resolved
 * alert withdraws a draft or resolves the published notice. Monitoring's own words, hosts and
 * labels stay in `alert`, which only the desk sees.
 */
export function decideMonitoring(current: Incident | undefined, input: IncidentInput, ctx: MonitoringContext): MonitoringDecision {
  const { alert, now, by } = ctx;
  if (!current) {
    const auto = autoPublishes(ctx.rules, input.systems, input.severity);
    const opened = openIncident(templateContent(input, now), { id: ctx.newId(), ref: input.ref, now, by });
    const incident: Incident = { ...opened, stage: auto ? 'published' : 'draft', alert, ...(auto ? { publishedBy: { at: now.toISOString(), auto: true } } : {}) };
    return { incident, outcome: 'created', reach: auto ? 'everyone' : 'desk' };
  }
  if (current.stage === 'draft') {
    if (input.status === 'resolved') return { incident: bumpIncident(current, { status: 'resolved', stage: 'withdrawn', alert }, now, by), outcome: 'updated', reach: 'desk' };
    const content = { ...templateContent({ ...input, startsAt: current.startsAt }, now) };
    const auto = autoPublishes(ctx.rules, input.systems, input.severity);
    if (!auto && !differsFrom(current, content) && !alertChanged(current.alert, alert)) return { incident: current, outcome: 'unchanged', reach: 'none' };
    const publish = auto ? { stage: 'published' as const, publishedBy: { at: now.toISOString(), auto: true } } : {};
    return { incident: bumpIncident(current, { ...content, alert, ...publish }, now, by), outcome: 'updated', reach: auto ? 'everyone' : 'desk' };
  }
  if (!isPublished(current)) return { incident: { ...current, alert }, outcome: 'unchanged', reach: 'none' };
  const status = input.status === 'resolved' ? 'resolved' : ctx.keepStatus ? current.status : input.status;
  const { incident, changed } = reviseIncident(current, { ...contentOf(current), status, severity: input.severity }, now, by);
  return changed ? { incident: { ...incident, alert }, outcome: 'updated', reach: 'everyone' } : { incident: { ...current, alert }, outcome: 'unchanged', reach: 'none' };
}
