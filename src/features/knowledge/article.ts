import type { Lang } from '../../shared/i18n.js';

/** The systems an article can be about; `general` is the desk itself. */
export const SYSTEMS = ['SKAIS', 'STAR', 'general'] as const;
export type ArticleSystem = (typeof SYSTEMS)[number];

export interface ArticleLink {
  title: string;
  url: string;
}

/** One knowledge article: front matter plus the Markdown body. */
export interface Article {
  id: string;
  /** The topic the article answers: its own id, or `translationOf` for a translation. */
  topic: string;
  title: string;
  system: ArticleSystem;
  lang: Lang;
  phrasings: string[];
  keywords: string[];
  /** `YYYY-MM-DD`. */
  updated: string;
  owner: string;
  sources: string[];
  links: ArticleLink[];
  translationOf?: string;
  body: string;
  /** The file, relative to the knowledge folder (`en/star-koolitus.md`). */
  file: string;
}
