/**
 * A rule file's header comment, read as documentation: the one source of a rule's prose and examples.
 *
 * The header is the file's first `/** … *\/` comment: `@file <rule-id>`, then `## What it checks`, `## Why`,
 * `## Options` and `## Examples` sections of Markdown, then `@example` blocks. Each `@example` is a JSON line of
 * settings (`name`, and optionally `options`, `locale`, `now`, `metadata`) followed by `~~~english`, `~~~translated` and
 * optionally `~~~findings` fences, indented by two spaces after the `*`. Findings are written
 * `line:column rule-id message`, one a line.
 *
 * test/rule-examples.test.ts runs every example; src/rule-kit/docs.ts renders the header into docs/rules/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface RuleExample {
  rule: string;
  name: string;
  options?: Record<string, unknown>;
  now?: string;
  locale?: string;
  /** The run's `metadata` setting (`.lintrc.json`), when the example needs one other than `auto`. */
  metadata?: unknown;
  english: string | undefined;
  translated: string | undefined;
  findings: string[];
}

export interface RuleHeader {
  /** The id after `@file`. */
  id: string;
  /** The `## …` sections before the examples, by title (`What it checks`, `Why`, `Options`), as Markdown. */
  sections: { title: string; body: string }[];
  examples: RuleExample[];
}

/** The header comment's lines, with the leading ` * ` taken off. */
function headerLines(source: string): string[] {
  const start = source.indexOf('/**');
  const end = source.indexOf('*/', start);
  if (start < 0 || end < 0) return [];
  return source
    .slice(start + 3, end)
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''));
}

function parseExamples(lines: string[], rule: string): RuleExample[] {
  const examples: RuleExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '@example') continue;
    const settings = JSON.parse(lines[++i].trim()) as Record<string, any>;
    const blocks: Record<string, string[]> = {};
    i++;
    while (i < lines.length && lines[i].trim() !== '@example') {
      const fence = /^ {2}~~~(\w+)$/.exec(lines[i]);
      if (fence) {
        const body: string[] = [];
        i++;
        while (i < lines.length && lines[i] !== '  ~~~') body.push(lines[i++].replace(/^ {2}/, ''));
        blocks[fence[1]] = body;
      }
      i++;
    }
    i--;
    examples.push({
      rule,
      name: settings.name,
      options: settings.options,
      now: settings.now,
      locale: settings.locale,
      ...(settings.metadata !== undefined ? { metadata: settings.metadata } : {}),
      english: blocks.english ? blocks.english.join('\n') + '\n' : undefined,
      translated: blocks.translated ? blocks.translated.join('\n') + '\n' : undefined,
      findings: (blocks.findings ?? []).filter((line) => line.trim() !== ''),
    });
  }
  return examples;
}

/** Parse a rule file's source; `rule` is the id examples are attributed to (default: the `@file` id). */
export function parseRuleHeader(source: string, rule?: string): RuleHeader {
  const lines = headerLines(source);
  const fileLine = lines.find((line) => line.startsWith('@file'));
  const id = fileLine ? fileLine.slice('@file'.length).trim() : (rule ?? '');
  const firstExample = lines.findIndex((line) => line.trim() === '@example');
  const prose = firstExample < 0 ? lines : lines.slice(0, firstExample);
  const sections: { title: string; body: string[] }[] = [];
  for (const line of prose) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) sections.push({ title: heading[1].trim(), body: [] });
    else if (sections.length > 0) sections[sections.length - 1].body.push(line);
  }
  return {
    id,
    sections: sections
      .map(({ title, body }) => ({ title, body: body.join('\n').trim() }))
      .filter(({ title }) => title !== 'Examples'),
    examples: parseExamples(lines, rule ?? id),
  };
}

/** Read and parse a rule file (`rules/<id>.ts`); examples are attributed to the file's base name. */
export function readRuleHeader(ruleFile: string): RuleHeader {
  return parseRuleHeader(readFileSync(ruleFile, 'utf8'), path.basename(ruleFile).replace(/\.ts$/, ''));
}
