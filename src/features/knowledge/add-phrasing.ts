/** Why a phrasing could not be put into an article's text. */
export class PhrasingEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PhrasingEditError';
  }
}

const RESERVED = /^(true|false|yes|no|on|off|null|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?|0x[0-9a-f]+|\.inf|\.nan)$/i;

/** The question as a YAML scalar: plain where YAML reads it back unchanged, else double-quoted. */
export function yamlScalar(text: string): string {
  const plain = /^[\p{L}\p{N}(][^\n]*$/u.test(text)
    && !/[:#]\s|\s#|:$|[{}[\]]|^\s|\s$|["'`]/.test(text)
    && !RESERVED.test(text);
  return plain ? text : JSON.stringify(text);
}

interface Block {
  /** Index of the line after the last item of the list. */
  end: number;
  indent: string;
}

/** The `phrasings:` block list inside the front matter lines, and where it ends. */
function phrasingsBlock(lines: string[], close: number): Block {
  const start = lines.findIndex((line, at) => at > 0 && at < close && /^phrasings:\s*(#.*)?$/.test(line));
  if (start < 0) throw new PhrasingEditError('the front matter has no "phrasings:" block list');
  let end = start + 1;
  let indent: string | undefined;
  for (; end < close; end += 1) {
    const line = lines[end];
    const leading = /^\s*/.exec(line)?.[0] ?? '';
    const item = /^(\s*)- /.exec(line);
    if (item && indent === undefined) indent = item[1];
    else if (item && item[1] === indent) continue;
    else if (line.trim() === '' || (indent !== undefined && leading.length > indent.length)) continue;
    else break;
  }
  while (end > start + 1 && lines[end - 1].trim() === '') end -= 1;
  if (indent === undefined) throw new PhrasingEditError('"phrasings:" is not written as a list of "- question" lines');
  return { end, indent };
}

/**
 * Adds one question to the `phrasings:` list of an article's front matter, as the list's last
 * item. Every other byte of the file stays as it was (line endings included).
 */
export function addPhrasing(raw: string, phrasing: string): string {
  const eol = raw.includes('\r\n') ? '\r\n' : '\n';
  const lines = raw.split(eol);
  if (lines[0].replace(/^\uFEFF/, '').trimEnd() !== '---') throw new PhrasingEditError('the file does not start with a --- front matter block');
  const close = lines.findIndex((line, at) => at > 0 && line.trimEnd() === '---');
  if (close < 0) throw new PhrasingEditError('the front matter block is not closed with ---');
  const { end, indent } = phrasingsBlock(lines, close);
  lines.splice(end, 0, `${indent}- ${yamlScalar(phrasing)}`);
  return lines.join(eol);
}
