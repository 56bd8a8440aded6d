import type { Lang } from './i18n.js';

/**
 * What other features ask of the knowledge base: the title of an article, by its id, in a
 * language, so that people see titles and never internal ids. Undefined when there is no such
 * article (any more).
 */
export type ArticleTitles = (id: string, lang: Lang) => string | undefined;

export const noArticleTitles: ArticleTitles = () => undefined;
