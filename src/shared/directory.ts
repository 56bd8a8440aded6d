/** A person as the directory (Microsoft Graph, or the local directory file) knows them. */
export interface DirectoryPerson {
  /** Entra object id. */
  id: string;
  name: string;
  email?: string;
  jobTitle?: string;
  department?: string;
  managerId?: string;
}

/** Who a person is. Graph-backed in production, file-backed in local mode and tests. */
export interface Directory {
  find(id: string): Promise<DirectoryPerson | undefined>;
  /** The people whose manager is `managerId`. */
  reportsOf(managerId: string): Promise<DirectoryPerson[]>;
}

/** A directory that knows nobody: the bot still works, with names from Teams only. */
export const emptyDirectory: Directory = {
  find: async () => undefined,
  reportsOf: async () => [],
};

/** An Entra group as the directory names it. */
export interface DirectoryGroup {
  id: string;
  name: string;
}

/**
 * What a notice's audience needs from the directory (issue 12): people by department or job title,
 * and the members of an Entra group. Optional, so a directory without them still works; the notice
 * form then says it cannot target by them.
 */
export interface AudienceDirectory {
  /** People whose department (or job title) equals one of `values`, compared without case. */
  peopleWhere(field: 'department' | 'jobTitle', values: readonly string[]): Promise<DirectoryPerson[]>;
  /** A group by its object id or its exact display name; undefined when there is none. */
  group(idOrName: string): Promise<DirectoryGroup | undefined>;
  /** Every user in the group, through nested groups too (transitive); never devices or contacts. */
  groupMembers(groupId: string): Promise<DirectoryPerson[]>;
}

export const canTarget = (directory: Directory): directory is Directory & AudienceDirectory =>
  typeof (directory as Partial<AudienceDirectory>).peopleWhere === 'function' && typeof (directory as Partial<AudienceDirectory>).groupMembers === 'function';
