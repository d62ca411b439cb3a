/**
 * What the CLI and its commands share: the streams a run writes to, the version, the argument grammar and the
 * usage error. In a module of its own so that src/cli/cli.ts (loaded by every run) and src/cli/commands.ts
 * (loaded when there is work to do) both import it and neither imports the other.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { didYouMean } from '../util/suggest.js';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  now?: Date;
}

/** The version in package.json (sources in src/cli run directly, compiled into dist/src/cli, or bundled into dist/bin). */
export function version(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of ['../../package.json', '../../../package.json']) {
    try {
      return JSON.parse(readFileSync(path.join(here, candidate), 'utf8')).version as string;
    } catch {
      // try the next layout (sources in src/cli run directly, compiled into dist/src/cli, or bundled into dist/bin)
    }
  }
  return 'unknown';
}

/** A mistake in the command line: exit 2 with the message and a pointer to --help. */
export class CliUsageError extends Error {}

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  baseline: { type: 'string' },
  'no-baseline': { type: 'boolean' },
  prune: { type: 'boolean' },
  'output-file': { type: 'string', short: 'o' },
  shard: { type: 'string' },
  staged: { type: 'boolean' },
  'fail-on': { type: 'string' },
  format: { type: 'string', short: 'f' },
  'max-warnings': { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  concurrency: { type: 'string' },
  quiet: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export type ParsedArguments = ReturnType<typeof parse>;

export function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    const { code, message } = error as Error & { code?: string };
    const unknown = /^Unknown option '(-{1,2})([^']*)'/.exec(message);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
      // Node's message goes on about positionals that start with "-"; a misspelt flag is the usual cause.
      const names = Object.keys(OPTIONS).map((name) => `--${name}`);
      const given = `${unknown[1]}${unknown[2]}`;
      throw new CliUsageError(`Unknown option '${given}'${didYouMean(given.length > 2 ? `--${unknown[2]}` : given, names)}`);
    }
    throw new CliUsageError(message.split('\n')[0]);
  }
}

