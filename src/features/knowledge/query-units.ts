import { analyseText, indexForm, type Token } from './analyse-text.js';
import { guessLanguage } from './guess-language.js';
import { compoundCuts } from './compound-split.js';
import type { SearchIndex } from './search-index.js';
import { QUALITY, type TermMatch } from './vocabulary.js';

/**
 * One content word of a question, resolved against the index: the terms it meets and how well,
 * its weight (the idf of its best term; 0 for a word the index does not know, which cannot tell
 * articles apart), how much of it is unknown (1 for an unknown word, 0.5 for a compound only one
 * part of which is known) and for a compound the parts it was cut into.
 */
export interface QueryUnit {
  surface: string;
  matches: TermMatch[];
  weight: number;
  unknown: number;
  parts?: QueryUnit[];
}

/** The search reads at most this many words of a message; nothing after them changes the ranking much. */
export const MAX_QUERY_WORDS = 60;

/** One match per term, the surest. */
function bestPerTerm(found: TermMatch[]): TermMatch[] {
  const best = new Map<number, number>();
  for (const { term, quality } of found) best.set(term, Math.max(best.get(term) ?? 0, quality));
  return [...best].map(([term, quality]) => ({ term, quality }));
}

function unitOf(index: SearchIndex, surface: string, found: TermMatch[]): QueryUnit {
  const matches = bestPerTerm(found);
  if (matches.length === 0) return { surface, matches, weight: 0, unknown: 1 };
  // The surest match decides the weight; among equally sure ones the commonest (STARi is star, not a rare stari).
  const best = matches.reduce((a, b) => (b.quality > a.quality || (b.quality === a.quality && index.idf[b.term] < index.idf[a.term]) ? b : a));
  return { surface, matches, weight: index.idf[best.term], unknown: 0 };
}

function exactOrPrefix(index: SearchIndex, forms: string[]): TermMatch[] {
  const exact = forms.map((form) => index.vocabulary.exact(form)).filter((term): term is number => term !== undefined);
  if (exact.length > 0) return exact.map((term) => ({ term, quality: QUALITY.exact }));
  return forms.flatMap((form) => index.vocabulary.prefixMatches(form));
}

/** A part of a compound counts only when the index knows its exact form: cuts are guesses. */
function partOf(index: SearchIndex, part: string): QueryUnit {
  const term = index.vocabulary.exact(indexForm(part, 'et')) ?? index.vocabulary.exact(part);
  return unitOf(index, part, term === undefined ? [] : [{ term, quality: QUALITY.exact }]);
}

/** The best cut of a compound: both parts known if possible, else one (puhkuse|avaldus). */
function compoundUnit(index: SearchIndex, surface: string, needBoth: boolean): QueryUnit | undefined {
  let best: { unit: QueryUnit; known: number; balance: number } | undefined;
  for (const [left, right] of compoundCuts(surface)) {
    const parts = [partOf(index, left), partOf(index, right)];
    const known = parts.filter((part) => part.matches.length > 0).length;
    if (known === 0 || (needBoth && known < 2)) continue;
    const balance = Math.min(left.length, right.length);
    if (!best || known > best.known || (known === best.known && balance > best.balance)) {
      const unit = { surface, matches: [], weight: Math.max(...parts.map((part) => part.weight)), unknown: known === 2 ? 0 : 0.5, parts };
      best = { unit, known, balance };
    }
  }
  return best?.unit;
}

/** ü typed as y on a keyboard without Estonian letters (kysimus, yks): tried when the word as typed is not known. */
function withUmlaut(index: SearchIndex, token: Token): TermMatch[] {
  if (!token.surface.includes('y')) return [];
  const [respelled] = analyseText(token.surface.replace(/y/g, 'u'), 'et');
  return respelled ? exactOrPrefix(index, respelled.forms) : [];
}

/**
 * Abbreviations that people write in capitals with the case ending glued on ("KOVi töötaja",
 * "klient puudub RRist", "SKAst", "MTÜle"), folded. STAR and SKAIS need no help: the stemmer
 * already meets STARi and SKAISist.
 */
const ABBREVIATIONS: ReadonlySet<string> = new Set(['kov', 'rr', 'ska', 'mtu', 'tehik', 'emta', 'ehis', 'pin', 'tara', 'sk', 'rik']);
const ABBREVIATION_ENDING = /^(i|u|e)?(sse|ga|st|le|lt|ks|na|ni|ta|l|s|d|de|dele|del|des)?$/;

/** An abbreviation with a case ending written onto it, met as the abbreviation (kovist -> kov). */
function abbreviationWithEnding(index: SearchIndex, surface: string): TermMatch[] {
  for (let cut = 2; cut <= 5 && cut < surface.length; cut += 1) {
    const rest = surface.slice(0, cut);
    if (!ABBREVIATIONS.has(rest) || !ABBREVIATION_ENDING.test(surface.slice(cut))) continue;
    const term = index.vocabulary.exact(indexForm(rest, 'et')) ?? index.vocabulary.exact(rest);
    if (term !== undefined) return [{ term, quality: QUALITY.exact }];
  }
  return [];
}

function resolveToken(index: SearchIndex, token: Token): QueryUnit {
  const direct = exactOrPrefix(index, token.forms);
  if (direct.length > 0) return unitOf(index, token.surface, direct);
  const umlaut = withUmlaut(index, token);
  if (umlaut.length > 0) return unitOf(index, token.surface, umlaut);
  const glued = abbreviationWithEnding(index, token.surface);
  if (glued.length > 0) return unitOf(index, token.surface, glued);
  const long = token.surface.length >= 8;
  const whole = long ? compoundUnit(index, token.surface, true) : undefined;
  if (whole) return whole;
  const forms = [...new Set([...token.forms, token.stem])];
  const near = forms.flatMap((form) => [...index.vocabulary.compoundHeadMatches(form), ...index.vocabulary.fuzzyMatches(form)]);
  if (near.length > 0) return unitOf(index, token.surface, near);
  return (long ? compoundUnit(index, token.surface, false) : undefined) ?? unitOf(index, token.surface, []);
}

function unitKey(unit: QueryUnit): string {
  if (unit.parts) return `(${unit.parts.map(unitKey).join('+')})`;
  return unit.matches.length > 0 ? unit.matches.map((match) => match.term).sort().join(',') : `?${unit.surface}`;
}

/** The question's content words as the search reads them (the first `MAX_QUERY_WORDS`): analysed once for both channels. */
export function questionTokens(question: string): Token[] {
  return analyseText(question, guessLanguage(question)).slice(0, MAX_QUERY_WORDS);
}

/** The question's words as units; a word repeated (parool, parooli) counts once. */
export function queryUnits(index: SearchIndex, question: string): QueryUnit[] {
  return unitsOf(index, questionTokens(question));
}

/** `queryUnits` of tokens already analysed (`questionTokens`). */
export function unitsOf(index: SearchIndex, tokens: readonly Token[]): QueryUnit[] {
  const seen = new Set<string>();
  const units: QueryUnit[] = [];
  for (const token of tokens) {
    const unit = resolveToken(index, token);
    const key = unitKey(unit);
    if (seen.has(key)) continue;
    seen.add(key);
    units.push(unit);
  }
  return units;
}
