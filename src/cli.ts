/**
 * The command line: `loc-lint [check] [paths…] [options]`.
 *
 * Exit codes, as ESLint's: 0 no errors; 1 errors, or more warnings than --max-warnings allows;
 * 2 usage, configuration or internal failure.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, findConfig, loadConfig, CONFIG_FILE } from './config.js';
import { discover, UsageError } from './discover.js';
import { lintPairs, type FileResult } from './engine.js';
import { formats } from './format/index.js';
import { rules } from '../rules/index.js';
import type { RuleMeta } from './rule.js';

const FORMATS = Object.keys(formats);

const HELP = `Usage: loc-lint [check] [paths...] [options]

Compare every translated Markdown file with its English sibling and report localization defects.
Paths (English or translated files or folders) narrow the run; without them every pair is linted.

Options:
  -c, --config FILE      configuration file (default: ${CONFIG_FILE} here or in a parent folder)
  -f, --format NAME      output format: ${FORMATS.join(', ')} (default: stylish)
      --max-warnings N   exit 1 when there are more than N warnings
      --quiet            report errors only
      --no-color         no colour (also when NO_COLOR is set or output is not a terminal)
      --color            colour even when output is not a terminal
  -h, --help             show this help
  -v, --version          show the version

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage, configuration or internal failure.`;

const COMMANDS = ['check'];

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  now?: Date;
}

function version(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      return JSON.parse(readFileSync(path.join(here, candidate), 'utf8')).version as string;
    } catch {
      // try the next layout (sources run directly, or compiled into dist/src)
    }
  }
  return 'unknown';
}

class CliUsageError extends Error {}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string', short: 'c' },
        format: { type: 'string', short: 'f' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new CliUsageError((error as Error).message.split('\n')[0]);
  }
}

/** Run the CLI; returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) io.stderr.write(`loc-lint: configuration error: ${problem}\n`);
      return 2;
    }
    if (error instanceof CliUsageError || error instanceof UsageError) {
      io.stderr.write(`loc-lint: ${error.message}\nRun "loc-lint --help" for usage.\n`);
      return 2;
    }
    io.stderr.write(`loc-lint: internal error: ${(error as Error)?.stack ?? error}\n`);
    return 2;
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.stdout.write(HELP + '\n');
    return 0;
  }
  if (values.version) {
    io.stdout.write(version() + '\n');
    return 0;
  }
  const command = positionals[0] && COMMANDS.includes(positionals[0]) ? positionals.shift()! : 'check';
  const format = values.format ?? 'stylish';
  if (!FORMATS.includes(format)) {
    throw new CliUsageError(`unknown format "${format}" (expected one of: ${FORMATS.join(', ')})`);
  }
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(values['max-warnings'])) throw new CliUsageError(`--max-warnings expects a whole number, got "${values['max-warnings']}"`);
    maxWarnings = Number(values['max-warnings']);
  }
  if (values.color && values['no-color']) throw new CliUsageError('--color and --no-color cannot be used together');

  const configPath = values.config ? path.resolve(io.cwd, values.config) : findConfig(io.cwd);
  if (!configPath) {
    throw new CliUsageError(`no ${CONFIG_FILE} found in ${io.cwd} or any folder above it (use --config FILE)`);
  }
  const config = loadConfig(configPath, rules);
  const paths = positionals.map((file) => path.resolve(io.cwd, file));
  const found = await discover(config, paths);
  if (command !== 'check') throw new CliUsageError(`unknown command "${command}"`);

  let results: FileResult[] = await lintPairs(found.pairs, config, { cwd: io.cwd, now: io.now });
  if (values.quiet) {
    results = results.map((result) => {
      const messages = result.messages.filter((message) => message.severity === 2);
      return { ...result, messages, warningCount: 0 };
    });
  }
  const color = !values['no-color'] && !('NO_COLOR' in io.env && io.env.NO_COLOR !== '') && (values.color || Boolean(io.stdout.isTTY));
  const output = formats[format](results, { color, cwd: io.cwd, rules: rules.map((rule) => rule.meta as RuleMeta<unknown>), version: version() });
  if (output) io.stdout.write(output.endsWith('\n') ? output : output + '\n');

  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  if (errors > 0) return 1;
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    io.stderr.write(`loc-lint: too many warnings (${warnings}); the maximum allowed is ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}
