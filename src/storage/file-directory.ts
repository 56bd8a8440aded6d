import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Directory, DirectoryPerson } from '../shared/directory.js';

const personSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  email: z.string().optional(),
  jobTitle: z.string().optional(),
  department: z.string().optional(),
  managerId: z.string().optional(),
});

/** The local directory file (`DIRECTORY_FILE`): a JSON array of people, validated on start. */
export class FileDirectory implements Directory {
  private readonly byId: Map<string, DirectoryPerson>;
  /** Direct reports by manager id: a manager's request reads their team, not the whole directory. */
  private readonly byManager = new Map<string, DirectoryPerson[]>();

  /** Object ids are lower-cased on load, as at the edge, so the rest of the code compares them with ===. */
  private constructor(people: DirectoryPerson[]) {
    this.byId = new Map(people.map((person) => {
      const id = person.id.toLowerCase();
      return [id, { ...person, id, ...(person.managerId ? { managerId: person.managerId.toLowerCase() } : {}) }];
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

  static of(people: DirectoryPerson[]): FileDirectory {
    return new FileDirectory(people);
  }

  async find(id: string): Promise<DirectoryPerson | undefined> {
    return this.byId.get(id.toLowerCase());
  }

  async reportsOf(managerId: string): Promise<DirectoryPerson[]> {
    return [...(this.byManager.get(managerId.toLowerCase()) ?? [])];
  }
}
