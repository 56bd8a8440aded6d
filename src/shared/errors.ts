import type { Text, Var } from './i18n.js';

/**
 * An error the domain expects: it has a stable code for operators and tests, and words for users
 * in both languages. Everything else is a bug and users see only an apology with a reference id.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly userText: Text;
  readonly vars: Record<string, Var>;

  constructor(code: string, userText: Text, vars: Record<string, Var> = {}) {
    super(`${code}: ${userText.en}`);
    this.name = 'DomainError';
    this.code = code;
    this.userText = userText;
    this.vars = vars;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Raised by the configuration loader; lists every bad variable at once. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
