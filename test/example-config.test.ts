/** `.lintrc.example.json` must stay a valid configuration that shows every option of every rule. */
import { readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig } from '../src/config/config.js';
import { rules } from '../rules/index.js';
import { tempDir } from './helpers.js';

test('.lintrc.example.json is valid and names every rule and every option', () => {
  const example = JSON.parse(readFileSync('.lintrc.example.json', 'utf8'));
  const dir = tempDir();
  for (const folder of [example.source, ...Object.values(example.targets as Record<string, string>)]) mkdirSync(path.join(dir, folder));
  const config = resolveConfig(example, dir, rules);
  expect(config.targets).toHaveLength(3);
  for (const rule of rules) {
    expect(Object.keys(example.rules)).toContain(rule.meta.id);
    const options = Array.isArray(example.rules[rule.meta.id]) ? example.rules[rule.meta.id][1] ?? {} : {};
    expect(Object.keys(options).sort()).toEqual(Object.keys((rule.meta.schema.properties as object) ?? {}).sort());
  }
});
