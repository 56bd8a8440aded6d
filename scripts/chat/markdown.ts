/** How text is styled on this terminal: ANSI bold only on a TTY. */
export interface TextStyle {
  ansi: boolean;
  /** The terminal's width, to wrap cards inside their box; no wrapping when unknown (piped output). */
  width?: number;
}

export const PLAIN: TextStyle = { ansi: false };

export function bold(text: string, style: TextStyle): string {
  return style.ansi && text !== '' ? `\u001b[1m${text}\u001b[22m` : text;
}

export function dim(text: string, style: TextStyle): string {
  return style.ansi && text !== '' ? `\u001b[2m${text}\u001b[22m` : text;
}

/**
 * Teams Markdown as terminal text: links become `text (url)`, mentions `@Name`, simple HTML line
 * breaks newlines; `**bold**` is drawn bold on a TTY and kept as written elsewhere.
 */
export function renderMarkdown(text: string, style: TextStyle): string {
  let out = text.replace(/\r\n?/g, '\n');
  out = out.replace(/<br\s*\/?>/gi, '\n');
  out = out.replace(/<at>([^<]*)<\/at>/g, '@$1');
  out = out.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_whole, label: string, url: string) => (label === url ? url : `${label} (${url})`));
  if (style.ansi) {
    out = out.replace(/\*\*([^*\n]+)\*\*/g, (_whole, inner: string) => bold(inner, style));
    out = out.replace(/^#{1,6}\s+(.+)$/gm, (_whole, inner: string) => bold(inner, style));
  }
  return out;
}

/** Visible width of a string, ignoring ANSI styling. */
export function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '').length;
}

/** Wraps a line at spaces so that no piece is wider than `width` visible characters. */
export function wrapLine(line: string, width: number | undefined): string[] {
  if (width === undefined || width < 10 || visibleLength(line) <= width) return [line];
  const indent = /^(\s*(?:[-*] |\d+[.)] )?)/.exec(line)?.[1] ?? '';
  const pad = ' '.repeat(visibleLength(indent));
  const pieces: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (current !== '' && visibleLength(candidate) > width) {
      pieces.push(current);
      current = `${pad}${word}`;
    } else {
      current = candidate;
    }
  }
  pieces.push(current);
  return pieces;
}
