import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dockerfile = readFileSync(join(process.cwd(), 'Dockerfile'), 'utf8');
const ignored = readFileSync(join(process.cwd(), '.dockerignore'), 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
const stages = dockerfile.split(/^FROM /m).slice(1);
const final = stages[stages.length - 1];

describe('Dockerfile', () => {
  it('builds on Node 24 in two stages and runs the compiled code as a non-root user', () => {
    expect(stages).toHaveLength(2);
    for (const stage of stages) expect(stage).toMatch(/^node:24[-.\w]*/);
    expect(final).toMatch(/RUN npm ci --omit=dev/);
    expect(final).toMatch(/^USER node$/m);
    const start = (JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    const flags = start.split(/\s+/).filter((word) => word.startsWith('--'));
    expect(flags).toEqual(expect.arrayContaining(['--max-semi-space-size=16', '--max-old-space-size=1024']));
    expect(final).toContain(`CMD ${JSON.stringify(['node', ...flags, 'dist/main.js']).replace(/","/g, '", "')}`); // the flags npm start uses
    expect(final).toMatch(/^HEALTHCHECK [\s\S]*\/healthz/m);
    expect(final).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(final).toMatch(/DATA_DIR=\/data/);
  });

  it('copies nothing the .dockerignore leaves out of the build context', () => {
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((match) => match[1].split(/\s+/));
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'src', 'knowledge', 'scripts/stage-release.sh']));
    const excluded = (path: string) => ignored.some((pattern) => !pattern.startsWith('!') && (path === pattern || path.startsWith(`${pattern}/`)));
    expect(copied.filter(excluded)).toEqual([]);
    expect(ignored).toEqual(expect.arrayContaining(['.git', 'node_modules', 'data', '.env']));
  });
});
