import type { AppInstall } from './install-store.js';

/** A Graph answer as it came (the directory feature's GraphDirectory.send gives these). */
export interface InstallAnswer {
  status: number;
  retryAfterMs?: number;
  body?: unknown;
}

/** The Graph calls an install needs, one request each, no retries of its own. */
export interface InstallGraph {
  send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<InstallAnswer>;
}

/** Runs one Graph call when the pace allows; network errors come back as status 0. */
export type PacedCall = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<InstallAnswer>;

export type StepResult =
  | { kind: 'done'; outcome: 'installed' | 'already'; chatId?: string }
  | { kind: 'installed'; outcome: 'installed' | 'already' }
  | { kind: 'failed'; answer: InstallAnswer; step: 'install' | 'chat' };

const user = (install: AppInstall) => `/users/${encodeURIComponent(install.id)}/teamwork/installedApps`;

/**
 * `POST /users/{id}/teamwork/installedApps` with the app catalog id: 201 installed, 409 already
 * there. Graph answers without a body, so the chat is then found through the installation:
 * `GET …/installedApps?$filter=teamsApp/id eq '…'`, then `GET …/installedApps/{id}/chat`.
 */
export async function installStep(call: PacedCall, install: AppInstall, catalogAppId: string, graphRoot: string): Promise<StepResult> {
  const answer = await call('POST', user(install), { 'teamsApp@odata.bind': `${graphRoot}/appCatalogs/teamsApps/${catalogAppId}` });
  if (answer.status === 201 || answer.status === 200 || answer.status === 204) return { kind: 'installed', outcome: 'installed' };
  if (answer.status === 409) return { kind: 'installed', outcome: 'already' };
  return { kind: 'failed', answer, step: 'install' };
}

export async function chatStep(call: PacedCall, install: AppInstall, catalogAppId: string): Promise<StepResult> {
  const outcome = install.outcome ?? 'installed';
  const filter = encodeURIComponent(`teamsApp/id eq '${catalogAppId}'`);
  const list = await call('GET', `${user(install)}?$expand=teamsApp&$filter=${filter}`);
  if (list.status !== 200) return { kind: 'failed', answer: list, step: 'chat' };
  const installation = (list.body as { value?: Array<{ id?: string }> } | undefined)?.value?.[0]?.id;
  // Installed, but not listed yet: Teams' conversationUpdate brings the chat instead.
  if (!installation) return { kind: 'done', outcome };
  const chat = await call('GET', `${user(install)}/${encodeURIComponent(installation)}/chat`);
  if (chat.status !== 200) return { kind: 'failed', answer: chat, step: 'chat' };
  const chatId = (chat.body as { id?: string } | undefined)?.id;
  return { kind: 'done', outcome, ...(chatId ? { chatId } : {}) };
}
