import { inspectXtbml, XtbmlError } from '../../shared/actuarial';
import type { XtbmlSummary } from '../../shared/actuarial';

/** `basis inspect FILE.xml…`: summarises SOA XTbML tables before they are used in a basis (BASIS.md). */

export type BasisInspectIo = {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (p: string) => string;
};

const USAGE = 'usage: basis inspect FILE.xml [FILE.xml …]';

function render(file: string, s: XtbmlSummary): string {
  const lines = [
    file,
    `  table:     ${s.name}`,
    `  identity:  ${s.tableIdentity}`,
    `  content:   ${s.contentType ?? '(none)'}`,
    `  kind:      ${s.kind === '1-D' ? '1-D mortality table (q by Age)' : '2-D improvement scale (Age × Year)'}`,
    `  ages:      ${s.ageRange.min}–${s.ageRange.max}`,
  ];
  if (s.yearRange) lines.push(`  years:     ${s.yearRange.min}–${s.yearRange.max}`);
  for (const x of s.samples) lines.push(x.year === null ? `  q(${x.age}) = ${x.value}` : `  rate(${x.age}, ${x.year}) = ${x.value}`);
  return lines.join('\n') + '\n';
}

function readError(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not an XTbML file';
  return e instanceof Error ? e.message : String(e);
}

/** Exit code 0 when every file is a valid XTbML table; 2 on usage, a missing file or malformed XTbML. */
export function runBasisInspect(args: string[], io: BasisInspectIo): number {
  if (args.length === 0) {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  let code = 0;
  for (const file of args) {
    let xml: string;
    try {
      xml = io.readFile(file);
    } catch (e) {
      io.stderr(`${file}: ${readError(e)}\n`);
      code = 2;
      continue;
    }
    try {
      io.stdout(render(file, inspectXtbml(xml)));
    } catch (e) {
      if (!(e instanceof XtbmlError)) throw e;
      io.stderr(`${file}: ${e.message}\n`);
      code = 2;
    }
  }
  return code;
}
