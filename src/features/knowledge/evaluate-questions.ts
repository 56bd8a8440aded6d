import { suggestionsOf, type Decision, type SearchResult } from './search-knowledge.js';

/**
 * One line of a question file: `{"q": "...", "expect": "topic-id" | null}`, optionally with `kind`
 * (in, out, smalltalk) and `style` (how it was written).
 */
export interface EvalQuestion {
  q: string;
  expect: string | null;
  kind?: string;
  style?: string;
}

/** What a searcher answers for a question; both the real search and the baseline give this. */
export interface Answered {
  decision: Decision;
  results: SearchResult[];
}

/** Whether the person saw the expected article: answered with it, or it was among the suggestions. */
export function wasShown(answered: Answered, expect: string): boolean {
  if (answered.decision === 'answer') return answered.results[0]?.id === expect;
  if (answered.decision === 'suggest') return suggestionsOf(answered).some((result) => result.id === expect);
  return false;
}

export interface EvalFigures {
  questions: number;
  inScope: number;
  outOfScope: number;
  /** In-scope questions answered (decision answer) with the right article. */
  top1: number;
  /** In-scope questions whose right article was shown: answered, or among the suggestions (never when refused). */
  top3: number;
  /** Out-of-scope and small-talk questions refused (decision none; small talk gets its own short answer). */
  refused: number;
  /** Questions answered with a wrong article, over all questions. */
  confidentWrong: number;
}

/** Parses a JSON-lines question file; a bad line is an error naming its number. */
export function parseQuestionFile(text: string): EvalQuestion[] {
  return text.split(/\r?\n/).flatMap((line, at) => {
    if (line.trim() === '') return [];
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`line ${at + 1}: not valid JSON`);
    }
    const { q, expect, kind, style } = (value ?? {}) as Record<string, unknown>;
    if (typeof q !== 'string' || !(typeof expect === 'string' || expect === null)) {
      throw new Error(`line ${at + 1}: needs "q" (text) and "expect" (an article id or null)`);
    }
    return [{ q, expect, ...(typeof kind === 'string' ? { kind } : {}), ...(typeof style === 'string' ? { style } : {}) }];
  });
}

const share = (count: number, total: number): number => (total === 0 ? 0 : count / total);

/** Runs every question through `ask` and counts the four figures. */
export function evaluate(questions: readonly EvalQuestion[], ask: (question: string, at: number) => Answered): EvalFigures {
  let top1 = 0;
  let top3 = 0;
  let refused = 0;
  let wrong = 0;
  for (const [at, { q, expect }] of questions.entries()) {
    const answered = ask(q, at);
    const first = answered.results[0]?.id;
    if (answered.decision === 'answer' && first !== expect) wrong += 1;
    if (expect === null) {
      if (answered.decision === 'none') refused += 1;
      continue;
    }
    if (answered.decision === 'answer' && first === expect) top1 += 1;
    if (wasShown(answered, expect)) top3 += 1;
  }
  const inScope = questions.filter((question) => question.expect !== null).length;
  const outOfScope = questions.length - inScope;
  return {
    questions: questions.length,
    inScope,
    outOfScope,
    top1: share(top1, inScope),
    top3: share(top3, inScope),
    refused: share(refused, outOfScope),
    confidentWrong: share(wrong, questions.length),
  };
}
