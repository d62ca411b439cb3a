/**
 * The command line: `loc-lint [check] [paths…] [options]`.
 *
 * Exit codes, as ESLint's: 0 no errors; 1 errors, or more warnings than --max-warnings allows;
 * 2 usage, configuration or internal failure.
 *
 * This module is what every run loads, so it stays small: arguments, `--help`, `--version` and the `--staged`
 * run with nothing staged are answered here, at about Node's own start-up time. The commands themselves, with
 * the parser, the rules and the formats, are in src/cli/commands.ts, loaded only when there is work to do.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { FORMAT_NAMES } from '../format/names.js';
import { BASELINE_FILE, CONFIG_FILE } from '../config/file-names.js';
import { CliUsageError, parse, version, type CliIo, type ParsedArguments } from './arguments.js';

export { CliUsageError, version, type CliIo } from './arguments.js';

const FORMATS: readonly string[] = FORMAT_NAMES;

const HELP = `Usage: loc-lint [check] [paths...] [options]
       loc-lint baseline [paths...] [--prune] [options]
       loc-lint merge FILE... [options]
       loc-lint report [paths...] [--format table|json|html] [--fail-on stale|errors] [options]
       loc-lint diff FILE [--no-color]

Compare every translated Markdown file with its English sibling and report localization defects.
Paths (English or translated files or folders) narrow the run; without them every pair is linted.

Commands:
  check                  lint (the default); findings in the baseline are not listed and do not fail
  baseline               record the current findings in the baseline (${BASELINE_FILE} beside the config)
  merge FILE...          merge the JSON or SARIF outputs of sharded runs into one result
  report                 per-locale figures: files, missing, stale, outdated, up to date, findings by rule
  diff FILE              the English changes since a translated FILE's source commit, and the segments they touch

Options:
  -c, --config FILE      configuration file (default: ${CONFIG_FILE} here or in a parent folder)
  -f, --format NAME      output format: ${FORMATS.join(', ')} (default: stylish)
  -o, --output-file FILE write the output to FILE (atomically); the terminal still gets stylish
      --baseline FILE    the baseline to apply or write (default: ${BASELINE_FILE} beside the config)
      --no-baseline      ignore the baseline: list every finding
      --prune            (baseline) only drop findings that are gone; never add new ones
      --shard I/N        lint the I-th of N deterministic parts of the pairs (for a CI matrix)
      --staged           (check) lint what is staged in git, as staged (for a pre-commit hook); no paths
      --fail-on WHAT     (report) exit 1 when anything is stale, or when there are errors
      --cache            skip pairs whose files, configuration and history are unchanged since the last run
      --cache-location DIR  the cache folder (default: .loc-lint-cache beside the config); safe to delete
      --concurrency N    worker threads: a number, auto (the default: one per core for big runs) or off
      --max-warnings N   exit 1 when there are more than N warnings
      --quiet            report errors only
      --no-color         no colour (also when NO_COLOR is set or output is not a terminal)
      --color            colour even when output is not a terminal
  -h, --help             show this help
  -v, --version          show the version

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage, configuration or internal failure.`;

/** Run the CLI; returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    if (values.help) {
      io.stdout.write(HELP + '\n');
      return 0;
    }
    if (values.version) {
      io.stdout.write(version() + '\n');
      return 0;
    }
    if (values.staged && (await nothingStaged(values, positionals, io))) return 0;
    const { runCommand } = await import('./commands.js');
    return await runCommand(values, positionals, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr.write(`loc-lint: ${error.message}\nRun "loc-lint --help" for usage.\n`);
      return 2;
    }
    const { reportFailure } = await import('./commands.js');
    return reportFailure(error, io);
  }
}

/**
 * A pre-commit hook runs `loc-lint check --staged` on every commit, most of which touch no documentation.
 * When the index holds no change to a Markdown file at all, the run would lint nothing and print nothing: say
 * so here, with one git process and without loading the linter. Anything else (a changed `.md` file, custom
 * `include` globs, another output format, git failing) takes the full path, which decides and reports properly.
 */
async function nothingStaged(values: ParsedArguments['values'], positionals: string[], io: CliIo): Promise<boolean> {
  const plain = (positionals.length === 0 || (positionals.length === 1 && positionals[0] === 'check')) && (values.format ?? 'stylish') === 'stylish' && values['output-file'] === undefined && !values.cache;
  if (!plain) return false;
  const { execFile } = await import('node:child_process');
  const staged = await new Promise<string | undefined>((resolve) => {
    execFile(
      'git',
      ['-c', 'core.quotepath=off', 'diff', '--cached', '--name-only', '--no-renames', '-z'],
      { cwd: io.cwd, env: { ...io.env, GIT_OPTIONAL_LOCKS: '0' }, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout) => resolve(error ? undefined : stdout),
    );
  });
  if (staged === undefined) return false;
  const files = staged.split('\0').filter(Boolean);
  if (files.length === 0) return true;
  // Only the default globs (`**/*.md`) are known without reading the configuration: no staged name ends in .md.
  if (files.some((file) => file.toLowerCase().endsWith('.md'))) return false;
  return !customIncludes(io);
}

/** Whether the configuration found from the working folder sets `include` (then any staged file may count). */
function customIncludes(io: CliIo): boolean {
  for (let dir = path.resolve(io.cwd); ; dir = path.dirname(dir)) {
    let text: string | undefined;
    try {
      text = readFileSync(path.join(dir, CONFIG_FILE), 'utf8');
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      try {
        const raw = JSON.parse(text) as unknown;
        return raw === null || typeof raw !== 'object' || 'include' in raw;
      } catch {
        return true; // a broken configuration: the full path reports it
      }
    }
    if (path.dirname(dir) === dir) return true; // no configuration: the full path says so
  }
}
