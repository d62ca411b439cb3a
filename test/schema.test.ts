/**
 * The shipped configuration schema (src/lintrc.schema.json): up to date with the code that validates, valid
 * JSON Schema, and what editors see through `"$schema"`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { schemaText, SCHEMA_FILE } from '../src/config/schema.js';

const shipped = readFileSync(path.resolve('src', SCHEMA_FILE), 'utf8');
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(shipped));

describe('configuration schema file', () => {
  test('is up to date with the rules and options (run "npm run schema" when this fails)', () => {
    expect(shipped).toBe(schemaText());
  });

  test.each(['.lintrc.example.json', 'example/.lintrc.json'])('%s names it in "$schema" and is valid against it', (file) => {
    const config = JSON.parse(readFileSync(path.resolve(file), 'utf8'));
    expect(path.resolve(path.dirname(file), config.$schema)).toBe(path.resolve('src', SCHEMA_FILE));
    expect(validate.errors ?? []).toEqual([]);
    expect(validate(config)).toBe(true);
  });

  test('an editor sees the same mistakes the CLI refuses', () => {
    const base = { source: 'en-us', targets: '{locale}' };
    expect(validate({ ...base, rules: { 'link-mismatch': ['error', { ignore: 'x' }] } })).toBe(false);
    expect(validate({ ...base, rules: { 'no-such-rule': 'error' } })).toBe(false);
    expect(validate({ ...base, rules: { 'outdated-handoff': 'loud' } })).toBe(false);
    expect(validate({ ...base, maxFileSizeMB: 0 })).toBe(false);
    expect(validate({ ...base, metadata: 'hugo' })).toBe(false);
    expect(validate({ source: 'en-us' })).toBe(false);
    expect(validate({ ...base, rules: { 'outdated-handoff': ['warn', { maxAgeDays: 90 }] }, metadata: { commit: 'x' } })).toBe(true);
  });
});
