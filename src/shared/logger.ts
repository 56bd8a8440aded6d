import { pino, type Logger as PinoLogger, type LoggerOptions } from 'pino';
import { maskPersonalCodes } from './personal-code.js';
import { currentRequestId } from './request-context.js';

export type Logger = PinoLogger;

function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalCodes(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: maskPersonalCodes(value.message), stack: value.stack && maskPersonalCodes(value.stack) };
  }
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = maskDeep(item, depth + 1);
  return out;
}

/**
 * Structured JSON logs. Secrets are redacted by path and every string that holds a valid Estonian
 * personal code is masked, whatever field it arrives in: logs never carry an isikukood. Lines
 * written during a request carry its `reqId` (see request-context.ts).
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { app: 'tugibot' },
    // Every line written while an HTTP request (a turn, a webhook) runs carries its id, whichever logger wrote it.
    mixin: () => {
      const reqId = currentRequestId();
      return reqId ? { reqId } : {};
    },
    redact: {
      paths: ['password', '*.password', 'secret', '*.secret', 'token', '*.token', 'authorization', '*.authorization', 'headers.authorization'],
      censor: '[redacted]',
    },
    formatters: {
      log: (object) => maskDeep(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((arg) => (typeof arg === 'string' ? maskPersonalCodes(arg) : arg));
        return method.apply(this, masked as Parameters<typeof method>);
      },
    },
  };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}

/** A logger that drops everything, for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
