/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

/** A coordinate with at most two decimals: enough for a screen, and short files. */
export function num(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** Attribute values may be numbers (rounded by {@link num}) or strings (escaped). */
export type Attributes = Readonly<Record<string, string | number>>;

/** `<tag a="1" b="x">children</tag>`, or self-closing without children. */
export function element(
  tag: string,
  attributes: Attributes,
  children: readonly string[] = [],
): string {
  const attrs = Object.entries(attributes)
    .map(
      ([name, value]) => ` ${name}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`,
    )
    .join('');
  return children.length === 0
    ? `<${tag}${attrs}/>`
    : `<${tag}${attrs}>${children.join('')}</${tag}>`;
}

/** A `<text>` element holding escaped `content`. */
export function text(content: string, attributes: Attributes): string {
  return element('text', attributes, [escapeXml(content)]);
}

/** A whole SVG document of the given size; a white background so it reads in dark viewers. */
export function svgDocument(width: number, height: number, children: readonly string[]): string {
  return `${element(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `0 0 ${num(width)} ${num(height)}`,
      'font-family': 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif',
      'font-size': 12,
    },
    [element('rect', { width, height, fill: '#ffffff' }), ...children],
  )}\n`;
}
