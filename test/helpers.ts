/**
 * Test helpers: lint small English/translation pairs through the real pipeline (config → discover → engine),
 * and read the examples that each rule file carries in its header.
 */
import { cpSync, mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveConfig } from '../src/config/config.js';
import { discover } from '../src/discover/discover.js';
import { lintPairs, type FileResult, type Finding } from '../src/engine/index.js';
import { rules } from '../rules/index.js';
import { readRuleHeader, type RuleExample } from '../src/rule-kit/header.js';

export type { RuleExample };

export interface PairInput {
  /** Undefined: the translation has no English sibling (an orphan). */
  english: string | Buffer | undefined;
  /** Undefined: the English file has no translation (a missing translation). */
  translated: string | Buffer | undefined;
  /** Rule to run alone; all others are off. */
  rule?: string;
  options?: Record<string, unknown>;
  severity?: 'warn' | 'error';
  locale?: string;
  now?: Date;
  name?: string;
  /** The `metadata` setting of the run (default `auto`); taken from the first input. */
  metadata?: unknown;
}

export function tempDir(prefix = 'loc-lint-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Lint one pair; returns the translated file's findings. */
export async function lintPair(input: PairInput): Promise<Finding[]> {
  const [result] = await lintPairsOf([input]);
  return result.messages;
}

export async function lintPairsOf(inputs: PairInput[]): Promise<FileResult[]> {
  const dir = tempDir();
  try {
    const locale = inputs[0].locale ?? 'de-de';
    inputs.forEach((input, index) => {
      const name = input.name ?? `example${index ? index : ''}.md`;
      mkdirSync(path.join(dir, 'en-us', path.dirname(name)), { recursive: true });
      mkdirSync(path.join(dir, locale, path.dirname(name)), { recursive: true });
      if (input.english !== undefined) writeFileSync(path.join(dir, 'en-us', name), input.english);
      if (input.translated !== undefined) writeFileSync(path.join(dir, locale, name), input.translated);
    });
    const first = inputs[0];
    const ruleSettings: Record<string, unknown> = {};
    if (first.rule) {
      for (const rule of rules) ruleSettings[rule.meta.id] = 'off';
      ruleSettings[first.rule] = [first.severity ?? 'error', first.options ?? {}];
    }
    const config = resolveConfig({ source: 'en-us', targets: { [locale]: locale }, rules: ruleSettings, ...(first.metadata !== undefined ? { metadata: first.metadata } : {}) }, dir, rules);
    const { pairs, orphans, missing } = await discover(config);
    return await lintPairs(pairs, config, { cwd: dir, now: first.now, orphans, missing, rules });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `line:column rule-id message`, the form the rule headers write findings in. */
export function show(finding: Finding): string {
  return `${finding.line}:${finding.column} ${finding.ruleId} ${finding.message}`;
}

/** A rule header's `@example` blocks (parsed by src/rule-kit/header.ts, which the docs generator shares). */
export function readExamples(ruleFile: string): RuleExample[] {
  return readRuleHeader(ruleFile).examples;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the command line in-process, as a terminal-less CI job would, with a fixed clock. */
export async function cli(argv: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; tty?: boolean }): Promise<CliRun> {
  const { main } = await import('../src/cli/cli.js');
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd: options.cwd,
    env: options.env ?? {},
    now: new Date('2026-01-01'),
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty ?? false },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

/** A copy of the shipped example, so that tests may change and break it. */
export function exampleCopy(): string {
  const dir = tempDir();
  cpSync(path.resolve('example'), dir, { recursive: true });
  return dir;
}
