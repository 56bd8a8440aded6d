/**
 * @microsoft/app-manifest is CommonJS and require()s strip-bom, which is ESM only. Node 20.19+
 * loads that natively, so `npm run package` works; jest's own module loader cannot before
 * Node 24.9 ("Must use import to load ES Module"). Import this file before the package script in
 * a test: it hands jest's loader a CommonJS strip-bom that does what the real one does.
 */
import { jest } from '@jest/globals';

jest.mock('strip-bom', () => (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
