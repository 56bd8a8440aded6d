import type { WireActivity } from './activities.js';

/** What came back from `POST /api/messages`. */
export type BotAnswer =
  | { kind: 'ok'; activities: WireActivity[] }
  | { kind: 'http'; status: number; body: string }
  | { kind: 'notJson'; body: string }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'timeout'; seconds: number };

const TIMEOUT_SECONDS = 120;

/**
 * Reads the bot's HTTP answer. With `deliveryMode: expectReplies` a turn answers
 * `200 {"activities": [...]}`; an invoke may also answer with its bare InvokeResponse body, which
 * becomes an `invokeResponse` activity so that both shapes are shown the same way.
 */
export function parseBotAnswer(status: number, body: string, sentType: string): BotAnswer {
  if (status < 200 || status >= 300) return { kind: 'http', status, body };
  if (body.trim() === '') return { kind: 'ok', activities: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { kind: 'notJson', body };
  }
  if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { activities?: unknown }).activities)) {
    return { kind: 'ok', activities: (parsed as { activities: WireActivity[] }).activities };
  }
  if (sentType === 'invoke') return { kind: 'ok', activities: [{ type: 'invokeResponse', value: { status, body: parsed } }] };
  return { kind: 'ok', activities: [] };
}

function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

/** Posts one activity to the bot, as the Bot Connector would (local mode: no token). */
export async function sendToBot(url: string, activity: WireActivity, timeoutSeconds = TIMEOUT_SECONDS): Promise<BotAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
      signal: AbortSignal.timeout(timeoutSeconds * 1000),
    });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') return { kind: 'timeout', seconds: timeoutSeconds };
    return { kind: 'unreachable', reason: reasonOf(error) };
  }
  return parseBotAnswer(response.status, await response.text(), activity.type);
}
