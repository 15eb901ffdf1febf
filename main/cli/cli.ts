// `npm run cli -- <group> <verb> [args] [--db PATH]`: administration over the same services.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { runBasisInspect } from './basis-inspect';

export type CliIo = { stdout: (s: string) => void; stderr: (s: string) => void };

const USAGE = `usage: npm run cli -- <command>
  basis inspect FILE.xml [FILE.xml …]   validate and summarise SOA XTbML tables`;

export function runCli(argv: string[], io: CliIo): number {
  const [group, verb, ...rest] = argv;
  if (group === 'basis' && verb === 'inspect') {
    return runBasisInspect(rest, { stdout: io.stdout, stderr: io.stderr, readFile: (p) => readFileSync(p, 'utf8') });
  }
  io.stderr(`${USAGE}\n`);
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = runCli(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
}
