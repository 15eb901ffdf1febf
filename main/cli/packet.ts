// `npm run packet -- CASE.json OUT.pdf [--flatten]`: the Benefit Estimate Statement and the
// Personalized Retirement Election Form for a case file (CASE-FORMAT; names optional), as one PDF.
// Fillable by default; `--flatten` prints every field into the page.
// Invalid input: exit 2 with one `path: message` line per problem on stderr, and nothing written.
// The PDF is written to a temporary file in the same folder and renamed, so a failure never
// leaves a half-written OUT.pdf.
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { estimateFromInput } from '../../shared/calc/run';
import { caseSchema } from '../../shared/domain/case-schema';
import { UnprintableCharacterError } from '../pdf/fonts';
import { canRetire, notEligibleText } from '../pdf/format';
import { buildEstimateAndElection } from '../pdf/packet';
import { documentMemberFromCase } from '../pdf/types';
import { pricers } from '../services/pricers';

export type PacketIo = { stdout: (s: string) => void; stderr: (s: string) => void };

const USAGE = 'usage: npm run packet -- CASE.json OUT.pdf [--flatten]';

/** Write `bytes` to `file` through a temporary file in the same folder and a rename. */
export function writeFileAtomic(file: string, bytes: Uint8Array): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, bytes, { flag: 'wx' });
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

export async function runPacket(args: string[], io: PacketIo): Promise<number> {
  const flatten = args.includes('--flatten');
  const positional = args.filter((a) => a !== '--flatten');
  const [caseFile, outFile] = positional;
  if (!caseFile || !outFile || positional.length !== 2 || positional.some((a) => a.startsWith('--'))) {
    io.stderr(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(caseFile, 'utf8');
  } catch (err) {
    io.stderr(`${caseFile}: cannot read the case file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    return 2;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    io.stderr(`${caseFile}: not valid JSON (${(err as Error).message})`);
    return 2;
  }
  const result = estimateFromInput(raw, pricers());
  if (!result.ok) {
    for (const issue of result.issues) io.stderr(`${issue.path}: ${issue.message}`);
    return 2;
  }
  const c = caseSchema.parse(raw);
  let bytes: Uint8Array;
  let pages: number;
  try {
    const packet = await buildEstimateAndElection({ estimate: result.value, member: documentMemberFromCase(c), case: c }, { flatten });
    bytes = packet.bytes;
    pages = packet.pageCount;
  } catch (err) {
    if (err instanceof UnprintableCharacterError) {
      io.stderr(err.message);
      return 2;
    }
    throw err;
  }
  try {
    writeFileAtomic(outFile, bytes);
  } catch (err) {
    io.stderr(`${outFile}: cannot write the PDF (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    return 1;
  }
  if (!canRetire(result.value)) {
    const why = notEligibleText(result.value);
    io.stderr(`${why.title}: ${why.lines.join(' ')} The PDF holds the estimate statement only (no election form).`);
    io.stdout(`${outFile}: ${pages} pages (estimate statement only${flatten ? ', flattened' : ''})`);
    return 0;
  }
  io.stdout(`${outFile}: ${pages} pages (estimate statement and election form${flatten ? ', flattened' : ', fillable'})`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runPacket(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(`${s}\n`),
    stderr: (s) => process.stderr.write(`${s}\n`),
  });
}
