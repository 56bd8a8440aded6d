import { maskPersonalCodes } from '../../shared/personal-code.js';
import type { Case } from './case.js';

const SYSTEM = { aadObjectId: 'system', name: 'tugibot' };

/**
 * A closed case whose retention time (`days` after closing) has passed, with personal codes masked
 * in every text people typed into it (description, question, relayed messages, notes, escalation,
 * resolution) and an audit entry in its history; undefined when nothing is due or it was done.
 */
export function maskForRetention(item: Case, now: Date, days: number): Case | undefined {
  if (item.status !== 'closed' || !item.closedAt || item.maskedAt) return undefined;
  if (now.getTime() - Date.parse(item.closedAt) < days * 86_400_000) return undefined;
  const at = now.toISOString();
  const masked: Case = {
    ...item,
    description: maskPersonalCodes(item.description),
    messages: item.messages.map((message) => ({ ...message, text: maskPersonalCodes(message.text) })),
    history: [...item.history, { event: 'retention', from: 'closed', to: 'closed', by: SYSTEM, at }],
    maskedAt: at,
  };
  if (item.question !== undefined) masked.question = maskPersonalCodes(item.question);
  if (item.waitingFor !== undefined) masked.waitingFor = maskPersonalCodes(item.waitingFor);
  if (item.resolution) masked.resolution = { ...item.resolution, text: maskPersonalCodes(item.resolution.text) };
  if (item.escalation) {
    const { reference } = item.escalation;
    masked.escalation = { ...item.escalation, name: maskPersonalCodes(item.escalation.name), summary: maskPersonalCodes(item.escalation.summary), ...(reference ? { reference: maskPersonalCodes(reference) } : {}) };
  }
  masked.version = masked.history.length;
  return masked;
}
