/**
 * Turns article Markdown into the subset Adaptive Cards render in Teams: bold, italic, lists and
 * links. Headings become bold lines, table rows list items, images links; code, quotes and HTML
 * lose their markup but keep their text.
 */
export function toTeamsMarkdown(markdown: string): string {
  const out: string[] = [];
  let header: string[] | undefined;
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/<br\s*\/?>/gi, ' ').replace(/<\/?[a-z][^>]*>/gi, '');
    if (/^\s*(```|~~~)/.test(line)) continue;
    if (/^\s*\|.*\|\s*$/.test(line)) {
      const cells = line.trim().slice(1, -1).split('|').map((cell) => cell.trim());
      if (cells.every((cell) => /^:?-{2,}:?$/.test(cell))) continue;
      if (!header) {
        header = cells;
        continue;
      }
      out.push(`- ${cells.map((cell, at) => (header?.[at] ? `**${header[at]}:** ${cell}` : cell)).join('; ')}`);
      continue;
    }
    header = undefined;
    const heading = /^\s*#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      out.push(`**${heading[1]}**`);
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push('');
      continue;
    }
    out.push(line.replace(/^\s*>\s?/, '').replace(/!\[([^\]]*)\]\(([^)]+)\)/g, '[$1]($2)').replace(/`([^`]+)`/g, '$1'));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
