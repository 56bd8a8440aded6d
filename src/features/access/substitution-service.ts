import type { DirectoryPerson } from '../../shared/directory.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import type { ConversationAddress } from '../../shared/messaging.js';
import { substitutionApprover } from './approvers-for.js';
import { findRole } from './catalogue.js';
import type { AccessContext } from './context.js';
import { showDay } from './dates.js';
import type { PersonRef, Substitution } from './model.js';
import { checkRow, parseSubstitutionCsv, restoreLines, type CheckedRow, type RowProblem, type SubstitutionRow } from './parse-substitutions.js';
import { tasksForSubstitution } from './plan-tasks.js';
import { readableId } from './readable-id.js';
import type { SubstitutionApproval } from './substitution-approval.js';
import { plainText } from '../../shared/plain-text.js';

const W = {
  imported: { et: 'Asendusi kirja pandud: {count}.', en: 'Substitutions recorded: {count}.' },
  pendingNote: {
    et: 'Asendaja saab õigused alles pärast seda, kui puuduja juht (või teine kasutajatoe spetsialist) on asenduse kinnitanud; kinnitamiseks on kaart saadetud.',
    en: 'The substitute gets the rights only once the absent person\'s manager (or another support desk specialist) has approved the substitution; a card has been sent for that.',
  },
  pending: { et: 'ootab kinnitust', en: 'waiting for approval' },
  rejected: { et: 'Need read jäid kirja panemata:', en: 'These rows were not recorded:' },
  line: { et: 'rida {line}: {reason}', en: 'line {line}: {reason}' },
  duplicate: { et: 'see asendus on juba kirjas ({id})', en: 'this substitution is already recorded ({id})' },
  none: { et: 'Käimasolevaid ega eelseisvaid asendusi ei ole.', en: 'There are no current or upcoming substitutions.' },
  upcoming: { et: 'Käimasolevad ja eelseisvad asendused:', en: 'Current and upcoming substitutions:' },
} satisfies Record<string, Text>;

/**
 * Substitutes: the absence schedule (CSV) or a substitution order, once approved by someone else,
 * becomes a grant on the first day and a revocation after the last.
 */
export class SubstitutionService {
  constructor(private readonly ctx: AccessContext, private readonly approval: SubstitutionApproval) {}

  private async resolve(id: string): Promise<DirectoryPerson | undefined> {
    return id ? this.ctx.deps.directory.find(id) : undefined;
  }

  private async pensionRoles(personId: string): Promise<string[]> {
    return (await this.ctx.stores.grants.ofSubject(personId))
      .filter((grant) => grant.state === 'active' && findRole(this.ctx.catalogue, grant.role)?.role.pensionRegister)
      .map((grant) => grant.role);
  }

  /** Checks and records rows; returns the problems of the rows left out. */
  async record(rows: SubstitutionRow[], basis: Substitution['basis'], actor: PersonRef, via?: ConversationAddress): Promise<{ recorded: Substitution[]; problems: RowProblem[] }> {
    const recorded: Substitution[] = [];
    const problems: RowProblem[] = [];
    for (const row of rows) {
      const person = await this.resolve(row.person);
      const context = { person, substitute: await this.resolve(row.substitute), pensionRoles: person ? await this.pensionRoles(person.id) : [], today: this.ctx.today() };
      const checked = checkRow(this.ctx.catalogue, row, context);
      if ('problem' in checked) {
        problems.push({ line: row.line, reason: checked.problem });
        continue;
      }
      const duplicate = await this.findDuplicate(checked.ok);
      if (duplicate) {
        problems.push({ line: row.line, reason: { et: say(W.duplicate, 'et', { id: duplicate.id }), en: say(W.duplicate, 'en', { id: duplicate.id }) } });
        continue;
      }
      recorded.push(await this.save(checked.ok, basis, actor, via));
    }
    return { recorded, problems };
  }

  private async findDuplicate(row: CheckedRow): Promise<Substitution | undefined> {
    return (await this.ctx.stores.substitutions.current()).find((item) =>
      item.person.id.toLowerCase() === row.person.id.toLowerCase() && item.substitute.id.toLowerCase() === row.substitute.id.toLowerCase() && item.from === row.from && item.to === row.to);
  }

  /** Records the substitution as pending and asks for its approval; the tasks come with the approval. */
  private async save(row: CheckedRow, basis: Substitution['basis'], actor: PersonRef, via?: ConversationAddress): Promise<Substitution> {
    const now = this.ctx.now();
    const year = this.ctx.year();
    const substitution = await this.ctx.stores.substitutions.add(year, (number) => this.build(readableId('ASE', year, number), row, basis, actor, now));
    await this.ctx.audit({ actor, action: 'substitution-recorded', ref: substitution.id, subject: substitution.substitute, roles: substitution.roles, detail: `${basis}; for ${substitution.person.name}; ${row.from}..${row.to}` });
    await this.approval.ask(substitution, via);
    return substitution;
  }

  /** The new substitution, pending, with the tasks it will create once approved. */
  private build(id: string, row: CheckedRow, basis: Substitution['basis'], actor: PersonRef, now: Date): Substitution {
    const substitution: Substitution = {
      id,
      person: { id: row.person.id, name: row.person.name }, substitute: { id: row.substitute.id, name: row.substitute.name },
      from: row.from, to: row.to, roles: row.roles, basis, createdBy: actor, createdAt: now.toISOString(), taskIds: [],
      state: 'pending',
    };
    const approverId = substitutionApprover(row.person, row.substitute.id, actor.id);
    if (approverId) substitution.approverId = approverId;
    substitution.taskIds = tasksForSubstitution(this.ctx.catalogue, substitution, now).map((task) => task.id);
    return substitution;
  }

  /** `impordi asendused`: the pasted CSV; each bad row is reported with its line and why, the good rows are kept. */
  async importCsv(text: string, actor: PersonRef, lang: Lang, via?: ConversationAddress): Promise<string> {
    const parsed = parseSubstitutionCsv(restoreLines(text));
    const { recorded, problems } = await this.record(parsed.rows, 'schedule', actor, via);
    const all = [...parsed.problems, ...problems].sort((a, b) => a.line - b.line);
    const lines = [say(W.imported, lang, { count: recorded.length }), ...recorded.map((item) => `- ${this.line(item, lang)}`)];
    if (recorded.length > 0) lines.push('', say(W.pendingNote, lang));
    if (all.length > 0) lines.push('', say(W.rejected, lang), ...all.map((problem) => `- ${say(W.line, lang, { line: problem.line, reason: problem.reason[lang] })}`));
    return lines.join('\n');
  }

  line(item: Substitution, lang: Lang): string {
    const pending = item.state === 'pending' ? ` – ${say(W.pending, lang)}` : '';
    return `${item.id}: ${plainText(item.person.name)} → ${plainText(item.substitute.name)}, ${showDay(item.from, lang)} – ${showDay(item.to, lang)} (${item.roles.join(', ')})${pending}`;
  }

  async upcoming(lang: Lang): Promise<string> {
    const today = this.ctx.today();
    const items = (await this.ctx.stores.substitutions.current()).filter((item) => item.to >= today).sort((a, b) => a.from.localeCompare(b.from));
    if (items.length === 0) return say(W.none, lang);
    return [say(W.upcoming, lang), ...items.map((item) => `- ${this.line(item, lang)}`)].join('\n');
  }

  /** Archives substitutions that are over and whose tasks are all closed. */
  async finishEnded(): Promise<void> {
    const today = this.ctx.today();
    for (const item of await this.ctx.stores.substitutions.current()) {
      if (item.to >= today) continue;
      const open = await Promise.all(item.taskIds.map((id) => this.ctx.stores.tasks.get(id)));
      if (open.every((task) => !task || task.state !== 'open')) await this.ctx.stores.substitutions.finish(item);
    }
  }
}
