import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/shared/errors.js';

/** What the configuration loader finds wrong with `env` (empty when it loads). */
export function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
