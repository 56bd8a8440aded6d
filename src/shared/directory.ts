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
