import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { foldText, type Lang, type Text } from '../../shared/i18n.js';

const text = z.object({ et: z.string().min(1), en: z.string().min(1) });

const roleSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(\.[a-z0-9-]+)+$/, 'must look like system.role-name'),
  name: text,
  /** The job-description rule: who may hold the role. Empty lists mean anyone. */
  allowed: z.object({ jobTitles: z.array(z.string().min(1)).default([]), departments: z.array(z.string().min(1)).default([]) }),
  /** The role processes State Pension Insurance Register data (what a substitute gets with `sama`). */
  pensionRegister: z.boolean().default(false),
  note: z.string().optional(),
});

const systemSchema = z.object({
  id: z.string().regex(/^[A-Z0-9-]+$/, 'must be upper case, such as SKAIS'),
  name: text,
  kind: z.enum(['internal', 'external']),
  approval: z
    .object({ manager: z.boolean(), approvers: z.array(z.string().min(1)).default([]) })
    .refine((approval) => approval.manager || approval.approvers.length > 0, 'needs the manager or at least one named approver'),
  roles: z.array(roleSchema).min(1),
  note: z.string().optional(),
});

const catalogueSchema = z
  .object({
    version: z.string().min(1),
    note: z.string().optional(),
    /**
     * Named approvers of last resort (Entra object ids): a request goes to them when nobody else may
     * approve it (its subject's and requester's managers are the subject or the requester, or missing).
     */
    approvers: z.array(z.string().min(1)).default([]),
    systems: z.array(systemSchema).min(1),
    incompatible: z.array(z.object({ roles: z.tuple([z.string(), z.string()]), why: text })).default([]),
  })
  .superRefine((catalogue, ctx) => {
    const seen = new Set<string>();
    catalogue.systems.forEach((system, s) => system.roles.forEach((role, r) => {
      if (seen.has(role.id)) ctx.addIssue({ code: 'custom', path: ['systems', s, 'roles', r, 'id'], message: `role ${role.id} is listed twice` });
      seen.add(role.id);
    }));
    catalogue.incompatible.forEach((rule, i) => rule.roles.forEach((id, j) => {
      if (!seen.has(id)) ctx.addIssue({ code: 'custom', path: ['incompatible', i, 'roles', j], message: `unknown role ${id}` });
    }));
  });

export type Catalogue = z.infer<typeof catalogueSchema>;
export type CatalogueSystem = Catalogue['systems'][number];
export type CatalogueRole = CatalogueSystem['roles'][number];
export interface IncompatibleRule { roles: [string, string]; why: Text }

/** Validates a parsed catalogue; the error names every problem with its path. */
export function parseCatalogue(raw: unknown, source = 'the access catalogue'): Catalogue {
  const parsed = catalogueSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `[${issue.path.join('.')}] ${issue.message}`).join('; ');
  throw new Error(`ACCESS_CATALOGUE ${source} is not a valid access catalogue: ${problems}`);
}

/** Reads and validates the catalogue file; a bad catalogue stops the start with this message. */
export async function loadCatalogue(file: string): Promise<Catalogue> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`ACCESS_CATALOGUE ${file} cannot be read as JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseCatalogue(raw, file);
}

export function findSystem(catalogue: Catalogue, id: string): CatalogueSystem | undefined {
  return catalogue.systems.find((system) => system.id === id);
}

export function findRole(catalogue: Catalogue, roleId: string): { system: CatalogueSystem; role: CatalogueRole } | undefined {
  for (const system of catalogue.systems) {
    const role = system.roles.find((item) => item.id === roleId);
    if (role) return { system, role };
  }
  return undefined;
}

export function roleName(catalogue: Catalogue, roleId: string, lang: Lang): string {
  return findRole(catalogue, roleId)?.role.name[lang] ?? roleId;
}

/** The job-description rule: the role lists no limits, or the title or department matches one. */
export function mayHold(role: CatalogueRole, person: { jobTitle?: string; department?: string }): boolean {
  const { jobTitles, departments } = role.allowed;
  if (jobTitles.length === 0 && departments.length === 0) return true;
  const title = foldText(person.jobTitle ?? '');
  const department = foldText(person.department ?? '');
  return jobTitles.some((word) => title.includes(foldText(word))) || departments.some((word) => department.includes(foldText(word)));
}
