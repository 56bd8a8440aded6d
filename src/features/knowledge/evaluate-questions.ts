import type { Decision, SearchResult } from './search-knowledge.js';

/** One line of a question file: `{"q": "...", "expect": "topic-id" | null}`. */
export interface EvalQuestion {
  q: string;
  expect: string | null;
}

/** What a searcher answers for a question; both the real search and the baseline give this. */
export interface Answered {
  decision: Decision;
  results: SearchResult[];
}

export interface EvalFigures {
  questions: number;
  inScope: number;
  outOfScope: number;
  /** In-scope questions answered (decision answer) with the right article. */
  top1: number;
  /** In-scope questions with the right article among the first three results. */
  top3: number;
  /** Out-of-scope questions refused (decision none). */
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
    const { q, expect } = (value ?? {}) as Record<string, unknown>;
    if (typeof q !== 'string' || !(typeof expect === 'string' || expect === null)) {
      throw new Error(`line ${at + 1}: needs "q" (text) and "expect" (an article id or null)`);
    }
    return [{ q, expect }];
  });
}

const share = (count: number, total: number): number => (total === 0 ? 0 : count / total);

/** Runs every question through `ask` and counts the four figures. */
export function evaluate(questions: readonly EvalQuestion[], ask: (question: string) => Answered): EvalFigures {
  let top1 = 0;
  let top3 = 0;
  let refused = 0;
  let wrong = 0;
  for (const { q, expect } of questions) {
    const { decision, results } = ask(q);
    const first = results[0]?.id;
    if (decision === 'answer' && first !== expect) wrong += 1;
    if (expect === null) {
      if (decision === 'none') refused += 1;
      continue;
    }
    if (decision === 'answer' && first === expect) top1 += 1;
    if (results.slice(0, 3).some((result) => result.id === expect)) top3 += 1;
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
