import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../../shared/i18n.js';
import type { Logger } from '../../shared/logger.js';
import type { Article } from './article.js';
import { listArticleFiles, loadArticles, type FileProblem } from './load-articles.js';
import { buildSearchIndex, type SearchIndex } from './search-index.js';
import { rankTopics, searchKnowledge, type Ranking, type SearchOutcome, type Thresholds } from './search-knowledge.js';

export interface KnowledgeBaseOptions {
  /** The knowledge folder (`config.knowledgeDir`). */
  dir: string;
  logger: Logger;
  thresholds: Thresholds;
  /** How often the folder is checked for changed files; 0 turns the check off. Default 3 s. */
  pollIntervalMs?: number;
}

export type ReloadResult = 'loaded' | 'unchanged' | 'kept-previous' | 'failed';

interface Loaded {
  index: SearchIndex;
  byTopic: Map<string, Partial<Record<Lang, Article>>>;
  signature: string;
}

/** Files, sizes and modification times: changes when any article file is added, removed or edited. */
async function folderSignature(dir: string): Promise<string> {
  const files = await listArticleFiles(dir);
  const stats = await Promise.all(files.map(async (file) => {
    const stat = await fs.stat(join(dir, file));
    return `${file}:${stat.size}:${stat.mtimeMs}`;
  }));
  return stats.join('|');
}

/** Keeps the first article of each id; later ones are problems. */
function withoutDuplicates(articles: Article[]): { articles: Article[]; problems: FileProblem[] } {
  const seen = new Map<string, string>();
  const problems: FileProblem[] = [];
  const unique = articles.filter((article) => {
    const first = seen.get(article.id);
    if (first) problems.push({ file: article.file, problem: `id ${article.id} is already used by ${first}` });
    else seen.set(article.id, article.file);
    return !first;
  });
  return { articles: unique, problems };
}

function groupByTopic(articles: Article[]): Map<string, Partial<Record<Lang, Article>>> {
  const byTopic = new Map<string, Partial<Record<Lang, Article>>>();
  for (const article of articles) byTopic.set(article.topic, { ...byTopic.get(article.topic), [article.lang]: article });
  return byTopic;
}

/**
 * The loaded knowledge base. It checks its folder every few seconds and re-indexes when a file
 * changed; the new index replaces the old one only once it is built, and a change that leaves a
 * broken article keeps the last good index (and logs which file is broken).
 */
export class KnowledgeBase {
  private current?: Loaded;
  private failure = 'the knowledge base has not been loaded yet';
  private timer?: NodeJS.Timeout;
  private running?: Promise<ReloadResult>;
  private lastRejected?: string;

  private constructor(private readonly options: KnowledgeBaseOptions, private readonly log: Logger) {}

  /** Loads the folder (broken files are skipped and logged) and starts watching it. */
  static async open(options: KnowledgeBaseOptions): Promise<KnowledgeBase> {
    const base = new KnowledgeBase(options, options.logger.child({ feature: 'knowledge' }));
    await base.reload();
    const interval = options.pollIntervalMs ?? 3000;
    if (interval > 0) {
      base.timer = setInterval(() => void base.reload(), interval);
      base.timer.unref();
    }
    return base;
  }

  /** True once an index with at least one article is in use; the readiness check asks this. */
  get ready(): boolean {
    return this.current !== undefined;
  }

  /** Why the base is not ready, for `GET /readyz`; undefined when it is. */
  get notReadyReason(): string | undefined {
    return this.current ? undefined : this.failure;
  }

  /** For a feature handle's `ready()`: true, or why not. */
  readiness(): true | string {
    return this.current ? true : this.failure;
  }

  get articleCount(): number {
    return this.current?.index.docs.length ?? 0;
  }

  search(question: string): SearchOutcome {
    if (!this.current) return { decision: 'none', results: [], systems: [] };
    return searchKnowledge(this.current.index, question, this.options.thresholds);
  }

  /** The ranking before any decision, for the evaluation tools. */
  rank(question: string): Ranking {
    if (!this.current) return { systems: [], topics: [] };
    return rankTopics(this.current.index, question);
  }

  /** A topic's article in the wanted language, else the Estonian one, else any. */
  article(topic: string, lang: Lang): Article | undefined {
    const versions = this.current?.byTopic.get(topic);
    return versions && (versions[lang] ?? versions.et ?? versions.en);
  }

  /** An article by its own id (`star-koolitus-en`). */
  articleById(id: string): Article | undefined {
    return this.current?.index.docs.find((doc) => doc.article.id === id)?.article;
  }

  /** The title of the article `id` in the language (its translation when there is one); for other features. */
  titleOf(id: string, lang: Lang): string | undefined {
    const article = this.articleById(id);
    return article && this.article(article.topic, lang)?.title;
  }

  /** Every article in the index in use. */
  articles(): Article[] {
    return this.current?.index.docs.map((doc) => doc.article) ?? [];
  }

  /** Re-reads the folder if it changed. Runs one at a time; a call during a reload waits for it. */
  reload(): Promise<ReloadResult> {
    if (!this.running) this.running = this.load().finally(() => { this.running = undefined; });
    return this.running;
  }

  /**
   * Re-reads the folder after a change the bot made itself: waits for a reload already running
   * (it may have read the files before the change), then checks the folder again.
   */
  async refresh(): Promise<ReloadResult> {
    await this.running;
    return this.reload();
  }

  /** Stops watching the folder. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async load(): Promise<ReloadResult> {
    const { dir } = this.options;
    try {
      const signature = await folderSignature(dir);
      if (signature === this.current?.signature || signature === this.lastRejected) return 'unchanged';
      const loaded = await loadArticles(dir);
      const { articles, problems: duplicates } = withoutDuplicates(loaded.articles);
      const problems = [...loaded.problems, ...duplicates];
      for (const { file, problem } of problems) this.log.warn({ file, problem }, 'knowledge article is broken');
      if (this.current && problems.length > 0) {
        this.lastRejected = signature;
        this.log.warn({ broken: problems.length }, 'knowledge base changed but has broken articles: keeping the previous index');
        return 'kept-previous';
      }
      if (articles.length === 0) {
        this.failure = `no articles in ${dir}`;
        this.lastRejected = signature;
        return 'failed';
      }
      const started = performance.now();
      const index = buildSearchIndex(articles);
      this.current = { index, byTopic: groupByTopic(articles), signature };
      this.lastRejected = undefined;
      this.log.info({ articles: articles.length, skipped: problems.length, ms: Math.round(performance.now() - started) }, 'knowledge base indexed');
      return 'loaded';
    } catch (error) {
      const failure = `cannot read ${dir}: ${(error as Error).message}`;
      // Logged once per distinct failure, not on every check of the folder.
      if (failure !== this.failure) this.log.error({ err: error, dir }, 'cannot load the knowledge base');
      this.failure = failure;
      return 'failed';
    }
  }
}
