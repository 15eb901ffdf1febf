/**
 * A small, strict XML reader for XTbML files (shared/ is pure: no DOMParser, no XML library).
 * Supports elements, attributes, text, CDATA, comments, processing instructions and the
 * predefined and numeric entities. DOCTYPE is refused. Anything not well-formed throws.
 */

export type XmlElement = {
  readonly name: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** Concatenated character data directly inside this element. */
  readonly text: string;
  readonly line: number;
};

export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
}

type OpenElement = { name: string; attrs: Map<string, string>; children: XmlElement[]; text: string; line: number };

const NAME = /[A-Za-z_:][\w.:-]*/y;
const ATTR = /\s+([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const TAG_END = /\s*(\/?)>/y;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9A-Fa-f]+));/y;
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseXml(source: string): XmlElement {
  const src = source.startsWith('\uFEFF') ? source.slice(1) : source;
  let pos = 0;
  let line = 1;
  let counted = 0;
  const lineAt = (p: number): number => {
    if (p < counted) [line, counted] = [1, 0];
    for (; counted < p; counted++) if (src.charCodeAt(counted) === 10) line++;
    return line;
  };
  const fail = (msg: string, p: number = pos): never => {
    throw new XmlSyntaxError(`line ${lineAt(p)}: ${msg}`);
  };
  const decode = (raw: string, at: number): string => {
    let out = '';
    let i = 0;
    for (let amp = raw.indexOf('&'); amp >= 0; amp = raw.indexOf('&', i)) {
      out += raw.slice(i, amp);
      ENTITY.lastIndex = amp;
      const m = ENTITY.exec(raw);
      if (!m) return fail('unknown or malformed entity reference', at + amp);
      if (m[1] !== undefined) out += NAMED[m[1]] ?? '';
      else {
        const code = m[2] !== undefined ? Number(m[2]) : parseInt(m[3] ?? '', 16);
        if (!(code <= 0x10ffff)) return fail('character reference out of range', at + amp);
        out += String.fromCodePoint(code);
      }
      i = ENTITY.lastIndex;
    }
    return out + raw.slice(i);
  };
  const skipPast = (terminator: string, what: string): void => {
    const end = src.indexOf(terminator, pos);
    if (end < 0) fail(`unterminated ${what}`);
    pos = end + terminator.length;
  };

  const stack: OpenElement[] = [];
  const roots: XmlElement[] = [];
  const finish = (el: OpenElement): void => {
    const done: XmlElement = { name: el.name, attrs: el.attrs, children: el.children, text: el.text, line: el.line };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(done);
    else roots.push(done);
  };
  const addText = (text: string, at: number): void => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
    else if (text.trim() !== '') fail('text outside the root element', at);
  };

  while (pos < src.length) {
    const lt = src.indexOf('<', pos);
    if (lt < 0) {
      addText(decode(src.slice(pos), pos), pos);
      break;
    }
    if (lt > pos) addText(decode(src.slice(pos, lt), pos), pos);
    pos = lt;
    if (src.startsWith('<?', pos)) skipPast('?>', 'processing instruction');
    else if (src.startsWith('<!--', pos)) skipPast('-->', 'comment');
    else if (src.startsWith('<![CDATA[', pos)) {
      const end = src.indexOf(']]>', pos);
      if (end < 0) fail('unterminated CDATA section');
      addText(src.slice(pos + 9, end), pos);
      pos = end + 3;
    } else if (src.startsWith('<!', pos)) fail('DOCTYPE and declarations are not supported');
    else if (src.startsWith('</', pos)) {
      NAME.lastIndex = pos + 2;
      const name = NAME.exec(src)?.[0];
      const top = stack.pop();
      if (!name || !top) return fail(name ? `unexpected closing tag </${name}>` : 'malformed closing tag');
      if (name !== top.name) fail(`closing tag </${name}> does not match <${top.name}> opened on line ${top.line}`);
      pos = NAME.lastIndex;
      const close = src.indexOf('>', pos);
      if (close < 0) fail(`unexpected end of document inside </${name}>`);
      if (src.slice(pos, close).trim() !== '') fail(`malformed closing tag </${name}>`);
      pos = close + 1;
      finish(top);
    } else {
      if (roots.length > 0) fail('content after the root element');
      NAME.lastIndex = pos + 1;
      const name = NAME.exec(src)?.[0];
      if (!name) return fail('malformed start tag');
      const el: OpenElement = { name, attrs: new Map(), children: [], text: '', line: lineAt(pos) };
      pos = NAME.lastIndex;
      for (;;) {
        ATTR.lastIndex = pos;
        const a = ATTR.exec(src);
        if (!a) break;
        const key = a[1] ?? '';
        if (el.attrs.has(key)) fail(`duplicate attribute ${key} on <${name}>`);
        el.attrs.set(key, decode(a[2] ?? a[3] ?? '', pos));
        pos = ATTR.lastIndex;
      }
      TAG_END.lastIndex = pos;
      const end = TAG_END.exec(src);
      if (!end) return fail(src.includes('>', pos) ? `malformed start tag <${name}>` : `unexpected end of document inside <${name}>`);
      pos = TAG_END.lastIndex;
      if (end[1] === '/') finish(el);
      else stack.push(el);
    }
  }

  const open = stack[stack.length - 1];
  if (open) fail(`unexpected end of document: <${open.name}> opened on line ${open.line} is not closed`);
  return roots[0] ?? fail('no root element');
}
