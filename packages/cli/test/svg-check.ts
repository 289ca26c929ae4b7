/**
 * A tiny well-formedness check for the SVG we write: one root `<svg>` element with the SVG
 * namespace, every tag closed in order, attributes quoted, and text free of raw `<` and
 * unknown entities. Returns the problems found (empty when well formed).
 */
export function svgProblems(svg: string): string[] {
  const problems: string[] = [];
  const body = svg.trim();
  if (!body.startsWith('<svg ')) problems.push('does not start with <svg');
  if (!body.includes('xmlns="http://www.w3.org/2000/svg"')) problems.push('no SVG namespace');
  if (!body.endsWith('</svg>')) problems.push('does not end with </svg>');
  const stack: string[] = [];
  const token = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let roots = 0;
  for (const match of body.matchAll(token)) {
    const [, closing, name, , selfClosing, content, stray] = match;
    if (stray !== undefined) {
      problems.push(`stray < at ${match.index}: ${body.slice(match.index, match.index + 30)}`);
    } else if (content !== undefined) {
      if (stack.length === 0 && content.trim() !== '') problems.push('text outside the root');
      for (const entity of content.match(/&[^;\s]*;?/g) ?? []) {
        if (!/^&(amp|lt|gt|quot|apos);$/.test(entity)) problems.push(`bad entity ${entity}`);
      }
    } else if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open}>`);
    } else {
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name!);
    }
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' > ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

/** The contents of every `<text>` element, unescaped. */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&apos;', "'")
      .replaceAll('&amp;', '&'),
  );
}
