import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, findConfig, isLocaleName, jsonPath, loadConfig, resolveConfig } from '../src/config/config.js';
import { rules } from '../rules/index.js';
import { tempDir } from './helpers.js';

function problemsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

function repo(): string {
  const dir = tempDir();
  for (const folder of ['en-us', 'de-de', 'ja-jp', 'api', 'images']) mkdirSync(path.join(dir, folder));
  return dir;
}

describe('configuration', () => {
  test('resolves roots relative to the configuration file and fills rule defaults', () => {
    const dir = repo();
    const config = resolveConfig({ source: 'en-us', targets: { 'de-DE': 'de-de' } }, dir, rules);
    expect(config.sourceRoot).toBe(path.join(dir, 'en-us'));
    expect(config.targets).toEqual([{ locale: 'de-DE', root: path.join(dir, 'de-de') }]);
    expect(config.include).toEqual(['**/*.md']);
    expect(config.rules['stale-source-hash'].severity).toBe('error');
    expect(config.rules['outdated-handoff'].severity).toBe('warn');
  });

  test('a {locale} pattern finds the locale folders and skips the source and non-locale folders', () => {
    const dir = repo();
    const config = resolveConfig({ source: 'en-us', targets: '{locale}' }, dir, rules);
    expect(config.targets.map((target) => target.locale)).toEqual(['de-de', 'ja-jp']);
  });

  test('a pattern for side-by-side clones (../docs.{locale})', () => {
    const dir = tempDir();
    for (const folder of ['docs', 'docs.de-DE', 'docs.fr-FR', 'docs.tools']) mkdirSync(path.join(dir, folder));
    const config = resolveConfig({ source: '../docs', targets: '../docs.{locale}' }, path.join(dir, 'docs'), rules);
    expect(config.targets.map((target) => target.locale)).toEqual(['de-DE', 'fr-FR']);
  });

  test('unknown keys, misspelt rule ids and options name the JSON path and suggest a fix', () => {
    const dir = repo();
    const problems = problemsOf(() =>
      resolveConfig(
        {
          source: 'en-us',
          targets: { de: 'de-de' },
          incldue: ['**/*.md'],
          rules: { 'stale-source-hsah': 'error', 'outdated-handoff': ['warn', { maxAgeDay: 30 }] },
        },
        dir,
        rules,
      ),
    );
    expect(problems).toContain('incldue: unknown key "incldue" (did you mean "include"?)');
    expect(problems).toContain('rules.stale-source-hsah: unknown rule "stale-source-hsah" (did you mean "stale-source-hash"?)');
    expect(problems).toContain('rules.outdated-handoff[1].maxAgeDay: unknown key "maxAgeDay" (did you mean "maxAgeDays"?)');
  });

  test('wrong types and severities are reported with what was expected', () => {
    const dir = repo();
    const problems = problemsOf(() =>
      resolveConfig(
        { source: 'en-us', targets: 42, include: 'docs/**', rules: { 'outdated-handoff': ['loud'], 'stale-source-hash': ['error', { x: 1 }] } },
        dir,
        rules,
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^targets: expected an object of locale → folder/),
        'include: expected array',
        'rules.outdated-handoff[0]: expected "off", "warn", "error" (or 0, 1, 2), got "loud"',
        'rules.stale-source-hash[1].x: unknown key "x"',
      ]),
    );
    const optionType = problemsOf(() => resolveConfig({ source: 'en-us', targets: '{locale}', rules: { 'outdated-handoff': ['warn', { maxAgeDays: 'old' }] } }, dir, rules));
    expect(optionType).toEqual(['rules.outdated-handoff[1].maxAgeDays: expected integer or null']);
  });

  test('missing folders and patterns that match nothing are errors', () => {
    const dir = repo();
    expect(problemsOf(() => resolveConfig({ source: 'english', targets: { de: 'deutsch' } }, dir, rules))).toEqual([
      expect.stringContaining('source: folder "english" does not exist'),
      expect.stringContaining('targets.de: folder "deutsch" does not exist'),
    ]);
    expect(problemsOf(() => resolveConfig({ source: 'en-us', targets: 'docs.{locale}' }, dir, rules))).toEqual([
      expect.stringContaining('targets: the pattern "docs.{locale}" matches no locale folder'),
    ]);
  });

  test('invalid JSON reports line and column', () => {
    const dir = repo();
    const file = path.join(dir, '.lintrc.json');
    writeFileSync(file, '{\n  "source": "en-us",\n  "targets": {"de": "de-de",}\n}\n');
    const [problem] = problemsOf(() => loadConfig(file, rules));
    expect(problem).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: invalid JSON`));
  });

  test('the configuration is looked up from the working directory upwards', () => {
    const dir = repo();
    writeFileSync(path.join(dir, '.lintrc.json'), '{}');
    mkdirSync(path.join(dir, 'de-de', 'deep'), { recursive: true });
    expect(findConfig(path.join(dir, 'de-de', 'deep'))).toBe(path.join(dir, '.lintrc.json'));
  });

  test('locale names', () => {
    expect(['de-de', 'fr', 'zh-hans', 'pt-BR', 'sr-latn-rs'].every(isLocaleName)).toBe(true);
    expect(['docs', 'api', 'bin', 'src', 'images', 'xx-yy'].some(isLocaleName)).toBe(false);
    expect(jsonPath(['rules', 'link-mismatch', 1, 'foo'])).toBe('rules.link-mismatch[1].foo');
  });
});

describe('metadata setting', () => {
  const base = { source: 'en-us', targets: { 'de-DE': 'de-de' } };

  test('defaults to auto and accepts a profile name or a key mapping', () => {
    const dir = repo();
    expect(resolveConfig(base, dir, rules).metadata).toBe('auto');
    expect(resolveConfig({ ...base, metadata: 'mdn' }, dir, rules).metadata).toBe('mdn');
    const mapping = { commit: 'x.commit' };
    expect(resolveConfig({ ...base, metadata: mapping }, dir, rules).metadata).toEqual(mapping);
  });

  test('a misspelt profile name gets one line with a did-you-mean', () => {
    const problems = problemsOf(() => resolveConfig({ ...base, metadata: 'hugo-comit' }, repo(), rules));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^metadata: expected .*"hugo-commit".*did you mean "hugo-commit"/);
  });

  test('an unknown mapping key is named with its JSON path; an empty mapping is refused', () => {
    const unknown = problemsOf(() => resolveConfig({ ...base, metadata: { comit: 'a' } }, repo(), rules));
    expect(unknown.join('\n')).toMatch(/metadata\.comit: unknown key "comit".*did you mean "commit"/);
    const empty = problemsOf(() => resolveConfig({ ...base, metadata: {} }, repo(), rules));
    expect(empty).toEqual([expect.stringMatching(/^metadata: a mapping needs at least one of/)]);
  });
});
