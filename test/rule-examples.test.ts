/**
 * Every rule's header examples are run as tests, so the documentation cannot drift from the code.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { lintPair, readExamples, show } from './helpers.js';
import { rules } from '../rules/index.js';

const rulesDir = path.resolve('rules');
const ruleFiles = readdirSync(rulesDir).filter((file) => file.endsWith('.ts') && file !== 'index.ts');

describe('rule header examples', () => {
  test('every registered rule has a file named by its id, and every rule file is registered', () => {
    expect(ruleFiles.map((file) => file.replace(/\.ts$/, '')).sort()).toEqual(rules.map((rule) => rule.meta.id).sort());
  });

  for (const file of ruleFiles) {
    const examples = readExamples(path.join(rulesDir, file));
    test(`${file} documents at least one passing and one failing example`, () => {
      expect(examples.some((example) => example.findings.length === 0)).toBe(true);
      expect(examples.some((example) => example.findings.length > 0)).toBe(true);
    });
    for (const example of examples) {
      test(`${example.rule}: ${example.name}`, async () => {
        const findings = await lintPair({
          english: example.english,
          translated: example.translated,
          rule: example.rule,
          options: example.options,
          locale: example.locale,
          metadata: example.metadata,
          now: example.now ? new Date(example.now) : new Date('2026-01-01'),
        });
        expect(findings.map(show)).toEqual(example.findings);
      });
    }
  }
});
