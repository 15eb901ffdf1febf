// `npm run --silent estimate -- CASE.json`: the estimate as JSON on stdout, nothing else.
// Invalid input: exit 2 with one `path: message` line per problem on stderr (CASE-FORMAT).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { estimateFromInput } from '../../shared/calc/run';
import { pricers } from '../services/pricers';

export function runEstimate(args: string[], io: { stdout: (s: string) => void; stderr: (s: string) => void }): number {
  const file = args[0];
  if (!file || args.length > 1) {
    io.stderr('usage: npm run --silent estimate -- CASE.json');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    io.stderr(`${file}: cannot read the case file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    return 2;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    io.stderr(`${file}: not valid JSON (${(err as Error).message})`);
    return 2;
  }
  const result = estimateFromInput(raw, pricers());
  if (!result.ok) {
    for (const issue of result.issues) io.stderr(`${issue.path}: ${issue.message}`);
    return 2;
  }
  io.stdout(JSON.stringify(result.value, null, 2));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // A closed pipe (`| head`) ends the output quietly.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  process.exitCode = runEstimate(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(`${s}\n`),
    stderr: (s) => process.stderr.write(`${s}\n`),
  });
}
