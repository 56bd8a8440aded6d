/**
 * Text a person typed, made safe to show to someone else in a Teams message or an Adaptive Card
 * TextBlock / Fact. Both render a Markdown subset (bold, italic, lists, `[links](url)`), Teams
 * messages also a subset of HTML, and `<at>…</at>` is a mention: typed text must not become any of
 * these. Markdown characters are escaped with a backslash (CommonMark, which Teams and the
 * Adaptive Card renderers honour): inline ones everywhere, block ones at the start of a line, so a
 * link shows its address as plain text; `<` is followed by
 * an invisible zero-width space, so no tag (`<at>`, `<a href>`, an autolink) can form.
 */
const INLINE = /[\\`*_~[\]]/g;
/** Block syntax only counts at the start of a line: headings, quotes, bullets, numbered lists. */
const LINE_START = /^(\s*)([#>+-]|\d+\.)/gm;
const ZERO_WIDTH_SPACE = '\u200B';

export function plainText(text: string): string {
  return text
    .replace(INLINE, (char) => `\\${char}`)
    .replace(LINE_START, (_whole, space: string, mark: string) => `${space}${mark.replace(/[#>+.-]$/, (char) => `\\${char}`)}`)
    .replace(/</g, `<${ZERO_WIDTH_SPACE}`);
}

/** `plainText` for a value that may be missing (facts leave out empty values). */
export function plainOptional(text: string | undefined): string | undefined {
  return text === undefined ? undefined : plainText(text);
}
