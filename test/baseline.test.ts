import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyBaseline, readBaseline, serializeBaseline, updateBaseline, BaselineError, type Baseline } from '../src/baseline/baseline.js';
import type { FileResult, Finding } from '../src/engine/index.js';
import { tempDir } from './helpers.js';

const DIR = '/repo';
const everything = () => true;

function finding(ruleId: string, fingerprint: string, line: number, severity: 1 | 2 = 2): Finding {
  return { ruleId, severity, message: `${ruleId} at ${line}`, line, column: 1, fingerprint };
}

function file(relPath: string, messages: Finding[]): FileResult {
  return {
    filePath: path.join(DIR, 'de-de', relPath),
    sourcePath: path.join(DIR, 'en-us', relPath),
    locale: 'de-de',
    relPath,
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
  };
}

describe('baseline', () => {
  const before = [
    file('a.md', [finding('link-mismatch', 'f1', 10), finding('link-mismatch', 'f1', 20), finding('untranslated-segment', 'u1', 30, 1)]),
    file('b.md', [finding('stale-source-hash', 's', 1)]),
    file('c.md', []),
  ];
  const { baseline } = updateBaseline(undefined, before, DIR, everything, 'write');

  test('records counts per file, rule and fingerprint, keyed by path relative to the baseline folder', () => {
    expect(baseline.files).toEqual({
      'de-de/a.md': { 'link-mismatch': { f1: 2 }, 'untranslated-segment': { u1: 1 } },
      'de-de/b.md': { 'stale-source-hash': { s: 1 } },
    });
  });

  test('suppresses baselined findings wherever their lines moved', () => {
    const moved = [
      file('a.md', [finding('link-mismatch', 'f1', 110), finding('link-mismatch', 'f1', 120), finding('untranslated-segment', 'u1', 130, 1)]),
      file('b.md', [finding('stale-source-hash', 's', 5)]),
    ];
    const applied = applyBaseline(moved, baseline, DIR, everything);
    expect(applied.suppressed).toBe(4);
    expect(applied.fixed).toBe(0);
    expect(applied.results.every((result) => result.messages.length === 0 && result.errorCount === 0 && result.warningCount === 0)).toBe(true);
    expect(applied.results[0].suppressedMessages).toHaveLength(3);
  });

  test('lists only the findings beyond what the baseline allows, not every finding of that rule in the file', () => {
    const worse = [
      file('a.md', [
        finding('link-mismatch', 'f1', 10),
        finding('link-mismatch', 'NEW', 15),
        finding('link-mismatch', 'f1', 20),
        finding('link-mismatch', 'f1', 25),
        finding('untranslated-segment', 'u1', 30, 1),
      ]),
      file('b.md', [finding('stale-source-hash', 's', 1)]),
    ];
    const applied = applyBaseline(worse, baseline, DIR, everything);
    expect(applied.results[0].messages.map((m) => `${m.fingerprint}@${m.line}`)).toEqual(['NEW@15', 'f1@25']);
    expect(applied.results[0].errorCount).toBe(2);
    expect(applied.suppressed).toBe(4);
  });

  test('counts what disappeared as fixed, including files that are gone and rules that no longer report', () => {
    const better = [file('a.md', [finding('link-mismatch', 'f1', 10)])];
    const applied = applyBaseline(better, baseline, DIR, everything);
    // a.md: one f1 and u1 gone (2); b.md not linted any more (1).
    expect(applied.fixed).toBe(3);
    // A narrowed run that did not cover b.md does not call it fixed.
    expect(applyBaseline(better, baseline, DIR, (key) => key === 'de-de/a.md').fixed).toBe(2);
  });

  test('prune drops only what is gone, never adds new findings, and keeps files outside the run', () => {
    const now = [file('a.md', [finding('link-mismatch', 'f1', 10), finding('link-mismatch', 'NEW', 12)])];
    const pruned = updateBaseline(baseline, now, DIR, (key) => key !== 'de-de/b.md', 'prune');
    expect(pruned.baseline.files).toEqual({
      'de-de/a.md': { 'link-mismatch': { f1: 1 } },
      'de-de/b.md': { 'stale-source-hash': { s: 1 } },
    });
    expect(pruned.dropped).toBe(2);
    const full = updateBaseline(baseline, now, DIR, everything, 'prune');
    expect(full.baseline.files).toEqual({ 'de-de/a.md': { 'link-mismatch': { f1: 1 } } });
    expect(full.dropped).toBe(3);
  });

  test('a plain rewrite records the run as it is; suppressed findings stay recorded', () => {
    const applied = applyBaseline([file('a.md', [finding('link-mismatch', 'f1', 10), finding('link-mismatch', 'NEW', 12)])], baseline, DIR, everything);
    const rewritten = updateBaseline(baseline, applied.results, DIR, everything, 'write');
    expect(rewritten.baseline.files).toEqual({ 'de-de/a.md': { 'link-mismatch': { f1: 1, NEW: 1 } } });
    expect(rewritten.findings).toBe(2);
  });

  test('serialises with sorted keys and a final newline, independent of insertion order', () => {
    const one: Baseline = { version: 1, files: { 'z.md': { r2: { b: 1, a: 2 }, r1: { c: 1 } }, 'a.md': { r: { x: 1 } } } };
    const two: Baseline = { version: 1, files: { 'a.md': { r: { x: 1 } }, 'z.md': { r1: { c: 1 }, r2: { a: 2, b: 1 } } } };
    expect(serializeBaseline(one)).toBe(serializeBaseline(two));
    const text = serializeBaseline(one);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.indexOf('"a.md"')).toBeLessThan(text.indexOf('"z.md"'));
    expect(text.indexOf('"a": 2')).toBeLessThan(text.indexOf('"b": 1'));
  });

  test('a missing baseline is no baseline; a broken one is an error that says how to recover', () => {
    const dir = tempDir();
    expect(readBaseline(path.join(dir, 'none.json'))).toBeUndefined();
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{ "version": 1, "files": ');
    expect(() => readBaseline(broken)).toThrow(BaselineError);
    writeFileSync(broken, JSON.stringify({ version: 1, files: { 'a.md': { r: { x: 0 } } } }));
    expect(() => readBaseline(broken)).toThrow(/positive whole number.*loc-lint baseline/);
    writeFileSync(broken, serializeBaseline(baseline));
    expect(readBaseline(broken)).toEqual(JSON.parse(readFileSync(broken, 'utf8')));
  });
});
