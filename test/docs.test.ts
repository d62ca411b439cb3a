/**
 * docs/rules/ is generated from the rules' headers and meta (src/rule-kit/docs.ts): every page must be there and
 * up to date, and each rule's docs.url must lead to its page.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DOCS_COMMAND, DOCS_DIR, docPages } from '../src/rule-kit/docs.js';
import { RULE_DOCS_BASE } from '../src/rule-kit/index.js';
import { rules } from '../rules/index.js';

const dir = path.resolve(DOCS_DIR);

describe('generated rule docs', () => {
  const pages = docPages(process.cwd());

  test('every page in docs/rules is generated and up to date', () => {
    const stale: string[] = [];
    for (const [name, text] of pages) {
      const file = path.join(dir, name);
      if (!existsSync(file)) stale.push(`${DOCS_DIR}/${name} is missing`);
      else if (readFileSync(file, 'utf8') !== text) stale.push(`${DOCS_DIR}/${name} is out of date`);
    }
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      if (name.endsWith('.md') && !pages.has(name)) stale.push(`${DOCS_DIR}/${name} belongs to no rule`);
    }
    if (stale.length > 0) throw new Error(`${stale.join('\n')}\nRun \`${DOCS_COMMAND}\` to regenerate the rule docs.`);
  });

  test('each rule page has the rule\'s description, severity, options and examples', () => {
    for (const rule of rules) {
      const page = pages.get(`${rule.meta.id}.md`)!;
      expect(page).toContain(`# ${rule.meta.id}\n`);
      expect(page).toContain(`| default severity | ${rule.meta.defaultSeverity} |`);
      expect(page).toContain('## What it checks');
      expect(page).toContain('## Why');
      expect(page).toContain('## Options');
      for (const option of Object.keys((rule.meta.schema.properties as object) ?? {})) expect(page).toContain(`| \`${option}\` |`);
      expect(page).toContain('Expected findings (');
      expect(page).toContain('Expected findings: none.');
    }
  });

  test('each rule\'s docs.url is its page, under one base', () => {
    for (const rule of rules) expect(rule.meta.docs.url).toBe(`${RULE_DOCS_BASE}${rule.meta.id}.md`);
  });

  test('the README\'s rule table links each rule to its page, with its description', () => {
    const readme = readFileSync('README.md', 'utf8');
    const rows = rules.map((rule) => `| [\`${rule.meta.id}\`](docs/rules/${rule.meta.id}.md) | ${rule.meta.defaultSeverity} | ${rule.meta.docs.description} |`);
    const missing = rows.filter((row) => !readme.includes(row));
    if (missing.length > 0) throw new Error(`README.md's rule table (## Rules) lacks these rows, or has other text for them:\n${missing.join('\n')}`);
  });
});
