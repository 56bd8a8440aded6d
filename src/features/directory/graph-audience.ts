import type { DirectoryGroup, DirectoryPerson } from '../../shared/directory.js';
import { toPerson, type GraphUser } from './graph-directory.js';

/** What the audience queries need from the Graph client: a GET that follows the caller's headers. */
interface GraphReader {
  get<T>(pathOrUrl: string, headers?: Record<string, string>): Promise<T | undefined>;
}

interface Page<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

const SELECT = '$select=id,displayName,mail,jobTitle,department';
/** Filters on department and job title are Graph's "advanced queries": they need this header and $count. */
const ADVANCED = { consistencylevel: 'eventual' };
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const quoted = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** Every page of a list, following `@odata.nextLink`; users only (a group also holds devices and contacts). */
async function allUsers(graph: GraphReader, path: string): Promise<DirectoryPerson[]> {
  const people = new Map<string, DirectoryPerson>();
  let next: string | undefined = path;
  while (next) {
    const page: Page<GraphUser> | undefined = await graph.get<Page<GraphUser>>(next, ADVANCED);
    for (const user of page?.value ?? []) {
      if (user['@odata.type'] && user['@odata.type'] !== '#microsoft.graph.user') continue;
      const person = toPerson(user);
      people.set(person.id, person);
    }
    next = page?.['@odata.nextLink'];
  }
  return [...people.values()];
}

/** `GET /users?$filter=department eq '…'`, one query per value, merged. */
export async function listPeopleWhere(graph: GraphReader, field: 'department' | 'jobTitle', values: readonly string[]): Promise<DirectoryPerson[]> {
  const people = new Map<string, DirectoryPerson>();
  for (const value of values) {
    const filter = encodeURIComponent(`${field} eq ${quoted(value.trim())}`);
    for (const person of await allUsers(graph, `/users?$filter=${filter}&$count=true&$top=999&${SELECT}`)) people.set(person.id, person);
  }
  return [...people.values()];
}

/** A group by object id, or by its exact display name (the first one when several share it). */
export async function findGroup(graph: GraphReader, idOrName: string): Promise<DirectoryGroup | undefined> {
  const wanted = idOrName.trim();
  if (GUID.test(wanted)) {
    const group = await graph.get<{ id: string; displayName?: string }>(`/groups/${wanted}?$select=id,displayName`);
    return group && { id: group.id.toLowerCase(), name: group.displayName ?? group.id };
  }
  const page = await graph.get<Page<{ id: string; displayName?: string }>>(`/groups?$filter=${encodeURIComponent(`displayName eq ${quoted(wanted)}`)}&$count=true&$select=id,displayName`, ADVANCED);
  const group = page?.value?.[0];
  return group && { id: group.id.toLowerCase(), name: group.displayName ?? wanted };
}

/** `GET /groups/{id}/transitiveMembers/microsoft.graph.user`: members of nested groups too, users only, 999 a page. */
export function listGroupMembers(graph: GraphReader, groupId: string): Promise<DirectoryPerson[]> {
  return allUsers(graph, `/groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user?$count=true&$top=999&${SELECT}`);
}
