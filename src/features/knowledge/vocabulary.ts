import Fuse from 'fuse.js';
import { editDistance } from './edit-distance.js';

/** One way a question word meets an index term, with how sure the match is (1 = the same form). */
export interface TermMatch {
  term: number;
  quality: number;
}

export const QUALITY = { exact: 1, prefix: 0.85, oneEdit: 0.8, compoundHead: 0.7, twoEdits: 0.65 } as const;

const MIN_PREFIX = 5;
const MAX_PREFIX_EXTRA = 3;
const MIN_FUZZY = 5;
const MIN_HEAD = 5;
const MIN_COMPOUND_EXTRA = 3;

const FUSE_OPTIONS = { includeScore: true, threshold: 0.4, location: 0, distance: 10 };

const reversed = (form: string): string => [...form].reverse().join('');

/** Letter pairs of a word with its edges marked: parool -> ^p pa ar ro oo ol l$. */
function bigrams(form: string): string[] {
  const marked = `^${form}$`;
  return Array.from({ length: marked.length - 1 }, (_, at) => marked.slice(at, at + 2));
}

/** Typos allowed by length: none up to four letters, one up to seven, two beyond. */
function allowedEdits(length: number): number {
  if (length < MIN_FUZZY) return 0;
  return length < 8 ? 1 : 2;
}

/** The first index in a sorted list whose entry is not below `value`. */
function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The index's forms (stems and synonym members) and the terms they stand for. Finds the terms a
 * question form meets exactly, by a short prefix (menetl / menetlus), as the last part of a
 * compound (reegl / turbereegl) or as a typo: fuse.js proposes candidates among forms of similar
 * length and an edit distance confirms them.
 */
export class Vocabulary {
  private readonly sorted: string[];
  private readonly reversedSorted: string[];
  /** Forms long enough for typos, and for each letter pair (with word edges) the forms holding it. */
  private readonly typoForms: string[];
  private readonly byBigram = new Map<string, number[]>();

  constructor(private readonly termOf: ReadonlyMap<string, number>) {
    this.sorted = [...termOf.keys()].filter((form) => !form.startsWith('~')).sort();
    this.reversedSorted = this.sorted.map(reversed).sort();
    // Both sides of a typo are five letters or more: a four-letter term one letter short of an
    // everyday word is no typo of it ("asjus", about the matter, is not the rare term asju).
    this.typoForms = this.sorted.filter((form) => form.length >= MIN_FUZZY);
    this.typoForms.forEach((form, at) => {
      for (const gram of bigrams(form)) {
        const list = this.byBigram.get(gram) ?? [];
        list.push(at);
        this.byBigram.set(gram, list);
      }
    });
  }

  exact(form: string): number | undefined {
    return this.termOf.get(form);
  }

  /** Forms that extend this one, or that it extends, by at most three letters (both at least five long). */
  prefixMatches(form: string): TermMatch[] {
    if (form.length < MIN_PREFIX || form.startsWith('~')) return [];
    const found = new Map<number, number>();
    for (let cut = Math.max(MIN_PREFIX, form.length - MAX_PREFIX_EXTRA); cut < form.length; cut += 1) {
      const term = this.termOf.get(form.slice(0, cut));
      if (term !== undefined) found.set(term, QUALITY.prefix);
    }
    for (let index = lowerBound(this.sorted, form); index < this.sorted.length && this.sorted[index].startsWith(form); index += 1) {
      const candidate = this.sorted[index];
      if (candidate.length > form.length && candidate.length - form.length <= MAX_PREFIX_EXTRA) {
        found.set(this.termOf.get(candidate) as number, QUALITY.prefix);
      }
    }
    return [...found].map(([term, quality]) => ({ term, quality }));
  }

  /** Compounds that end with this form, the head of an Estonian compound (reeglid -> turbereeglid). */
  compoundHeadMatches(form: string): TermMatch[] {
    if (form.length < MIN_HEAD || form.startsWith('~')) return [];
    const tail = reversed(form);
    const found: TermMatch[] = [];
    for (let index = lowerBound(this.reversedSorted, tail); index < this.reversedSorted.length && this.reversedSorted[index].startsWith(tail); index += 1) {
      const candidate = this.reversedSorted[index];
      if (candidate.length - tail.length < MIN_COMPOUND_EXTRA) continue;
      found.push({ term: this.termOf.get(reversed(candidate)) as number, quality: QUALITY.compoundHead });
    }
    return found;
  }

  /**
   * Typos: forms of five letters or more within one edit (five to seven letters) or two (eight or
   * more), with the same first letter. Forms sharing enough letter pairs are the candidates (an
   * edit breaks at most two pairs), fuse.js ranks them and an edit distance confirms the whole word.
   */
  fuzzyMatches(form: string): TermMatch[] {
    const allowed = allowedEdits(form.length);
    if (allowed === 0 || form.startsWith('~')) return [];
    const grams = bigrams(form);
    const needed = grams.length - 2 * allowed;
    const shared = new Map<number, number>();
    for (const gram of new Set(grams)) for (const at of this.byBigram.get(gram) ?? []) shared.set(at, (shared.get(at) ?? 0) + 1);
    // A typo seldom hits the first letter; requiring it keeps president from meeting residence.
    const candidates = [...shared]
      .map(([at, count]) => [this.typoForms[at], count] as const)
      .filter(([candidate, count]) => count >= needed && candidate[0] === form[0] && Math.abs(candidate.length - form.length) <= allowed)
      .map(([candidate]) => candidate);
    if (candidates.length === 0) return [];
    const found = new Map<number, number>();
    for (const candidate of new Fuse(candidates, FUSE_OPTIONS).search(form, { limit: 8 })) {
      const distance = editDistance(form, candidate.item, allowed);
      if (distance === 0 || distance > allowed) continue;
      const term = this.termOf.get(candidate.item) as number;
      found.set(term, Math.max(found.get(term) ?? 0, distance === 1 ? QUALITY.oneEdit : QUALITY.twoEdits));
    }
    return [...found].map(([term, quality]) => ({ term, quality }));
  }
}
