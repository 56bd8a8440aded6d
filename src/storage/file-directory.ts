import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { AudienceDirectory, Directory, DirectoryGroup, DirectoryPerson } from '../shared/directory.js';

const personSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  email: z.string().optional(),
  jobTitle: z.string().optional(),
  department: z.string().optional(),
  managerId: z.string().optional(),
  /** Entra groups the person belongs to, by name (local mode's stand-in for Graph's groups). */
  groups: z.array(z.string().min(1)).optional(),
});

type FilePerson = DirectoryPerson & { groups?: string[] };
const fold = (value: string | undefined): string => (value ?? '').trim().toLocaleLowerCase('et');

/** The local directory file (`DIRECTORY_FILE`): a JSON array of people, validated on start. */
export class FileDirectory implements Directory, AudienceDirectory {
  private readonly byId: Map<string, DirectoryPerson>;
  /** Direct reports by manager id: a manager's request reads their team, not the whole directory. */
  private readonly byManager = new Map<string, DirectoryPerson[]>();
  /** Group members by the group's folded name. */
  private readonly byGroup = new Map<string, { group: DirectoryGroup; members: DirectoryPerson[] }>();

  /** Object ids are lower-cased on load, as at the edge, so the rest of the code compares them with ===. */
  private constructor(people: FilePerson[]) {
    this.byId = new Map(people.map(({ groups, ...person }) => {
      const id = person.id.toLowerCase();
      const known: DirectoryPerson = { ...person, id, ...(person.managerId ? { managerId: person.managerId.toLowerCase() } : {}) };
      for (const name of groups ?? []) {
        const entry = this.byGroup.get(fold(name)) ?? { group: { id: name.trim(), name: name.trim() }, members: [] };
        entry.members.push(known);
        this.byGroup.set(fold(name), entry);
      }
      return [id, known];
    }));
    for (const person of this.byId.values()) {
      if (!person.managerId) continue;
      const team = this.byManager.get(person.managerId);
      if (team) team.push(person);
      else this.byManager.set(person.managerId, [person]);
    }
  }

  static async open(file: string): Promise<FileDirectory> {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new Error(`DIRECTORY_FILE ${file} cannot be read as JSON: ${(error as Error).message}`, { cause: error });
    }
    const parsed = z.array(personSchema).safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `[${issue.path.join('.')}] ${issue.message}`).join('; ');
      throw new Error(`DIRECTORY_FILE ${file} is not a list of people {id, name, email, jobTitle, department, managerId}: ${problems}`);
    }
    return new FileDirectory(parsed.data);
  }

  static of(people: FilePerson[]): FileDirectory {
    return new FileDirectory(people);
  }

  async find(id: string): Promise<DirectoryPerson | undefined> {
    return this.byId.get(id.toLowerCase());
  }

  async reportsOf(managerId: string): Promise<DirectoryPerson[]> {
    return [...(this.byManager.get(managerId.toLowerCase()) ?? [])];
  }

  async peopleWhere(field: 'department' | 'jobTitle', values: readonly string[]): Promise<DirectoryPerson[]> {
    const wanted = new Set(values.map(fold));
    return [...this.byId.values()].filter((person) => wanted.has(fold(person[field])));
  }

  async group(idOrName: string): Promise<DirectoryGroup | undefined> {
    return this.byGroup.get(fold(idOrName))?.group;
  }

  async groupMembers(groupId: string): Promise<DirectoryPerson[]> {
    return [...(this.byGroup.get(fold(groupId))?.members ?? [])];
  }
}
