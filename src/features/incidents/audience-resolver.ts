import { canTarget, type Directory, type DirectoryGroup } from '../../shared/directory.js';
import { DomainError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { NoticeAudience } from './audience.js';

export const AUDIENCE_UNSUPPORTED = new DomainError('INCIDENT_AUDIENCE_UNSUPPORTED', {
  et: 'Osakonna, ametinimetuse või grupi järgi ma teadet saata ei saa: mul pole kataloogi, kust inimesi leida. Jäta need väljad tühjaks.',
  en: 'I cannot send a notice by department, job title or group: I have no directory to find people in. Leave those fields empty.',
});
export const AUDIENCE_GROUP_UNKNOWN = (group: string) => new DomainError('INCIDENT_AUDIENCE_GROUP_UNKNOWN', {
  et: 'Gruppi „{group}“ ma kataloogist ei leia. Kontrolli nime (täpselt nagu Entras) või kasuta grupi id-d.',
  en: 'I cannot find the group "{group}" in the directory. Check the name (exactly as in Entra) or use the group\'s id.',
}, { group });
export const AUDIENCE_DIRECTORY_FAILED = new DomainError('INCIDENT_AUDIENCE_DIRECTORY_FAILED', {
  et: 'Kataloog ei vastanud, seega ma ei tea, kes sihtrühma kuuluvad. Proovi mõne minuti pärast uuesti.',
  en: 'The directory did not answer, so I do not know who is in the audience. Try again in a few minutes.',
});

/** How long a resolved audience is reused: a preview and its confirmation a minute later ask Graph once. */
const CACHE_MS = 60_000;

/**
 * Turns a notice's audience into people (Entra object ids, lower case) through the directory:
 * Microsoft Graph in production, the directory file in local mode.
 */
export class AudienceResolver {
  private readonly cache = new Map<string, { at: number; people: Promise<ReadonlySet<string>> }>();

  constructor(private readonly deps: { directory: Directory; logger: Logger; now?: () => number }) {}

  /** Groups typed in the form (names or ids) as directory groups; an unknown one is named in the error. */
  async resolveGroups(typed: readonly string[]): Promise<DirectoryGroup[]> {
    if (typed.length === 0) return [];
    const directory = this.deps.directory;
    if (!canTarget(directory)) throw AUDIENCE_UNSUPPORTED;
    const groups: DirectoryGroup[] = [];
    for (const value of typed) {
      const group = await this.ask(() => directory.group(value));
      if (!group) throw AUDIENCE_GROUP_UNKNOWN(value);
      if (!groups.some((known) => known.id === group.id)) groups.push(group);
    }
    return groups;
  }

  /** Everyone in the audience; the same audience within a minute is answered from memory. */
  people(audience: NoticeAudience): Promise<ReadonlySet<string>> {
    const now = (this.deps.now ?? Date.now)();
    const key = JSON.stringify([audience.departments ?? [], audience.jobTitles ?? [], (audience.groups ?? []).map((group) => group.id)]);
    const cached = this.cache.get(key);
    if (cached && now - cached.at < CACHE_MS) return cached.people;
    for (const [old, entry] of this.cache) if (now - entry.at >= CACHE_MS) this.cache.delete(old);
    const people = this.lookUp(audience);
    this.cache.set(key, { at: now, people });
    people.catch(() => this.cache.delete(key));
    return people;
  }

  private async lookUp(audience: NoticeAudience): Promise<ReadonlySet<string>> {
    const directory = this.deps.directory;
    if (!canTarget(directory)) throw AUDIENCE_UNSUPPORTED;
    const ids = new Set<string>();
    const add = (people: Array<{ id: string }>) => people.forEach((person) => ids.add(person.id.toLowerCase()));
    if (audience.departments?.length) add(await this.ask(() => directory.peopleWhere('department', audience.departments ?? [])));
    if (audience.jobTitles?.length) add(await this.ask(() => directory.peopleWhere('jobTitle', audience.jobTitles ?? [])));
    for (const group of audience.groups ?? []) add(await this.ask(() => directory.groupMembers(group.id)));
    return ids;
  }

  private async ask<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'directory lookup for a notice audience failed');
      throw AUDIENCE_DIRECTORY_FAILED;
    }
  }
}
