/**
 * The configuration's JSON Schema as a file: `src/lintrc.schema.json`, shipped in the package for editors
 * (`"$schema": "./node_modules/loc-lint/src/lintrc.schema.json"` in `.lintrc.json`). It is generated from the
 * same `configSchema` the CLI validates with, by `npm run schema`; a test fails when the file is out of date.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema } from './config.js';
import { rules } from '../../rules/index.js';
import { writeFileAtomic } from '../util/write.js';

export const SCHEMA_FILE = 'lintrc.schema.json';

/** The schema file's text for the built-in rules: stable key order, two-space indents, final newline. */
export function schemaText(): string {
  return JSON.stringify(configSchema(rules), null, 2) + '\n';
}

/** `npm run schema`: write src/lintrc.schema.json (from the compiled dist/src/config/schema.js or the source). */
export async function writeSchema(): Promise<string> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // here is src/config, or dist/src/config when compiled
  const root = path.basename(path.resolve(here, '../..')) === 'dist' ? path.resolve(here, '../../..') : path.resolve(here, '../..');
  const file = path.join(root, 'src', SCHEMA_FILE);
  await writeFileAtomic(file, schemaText());
  return file;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const file = await writeSchema();
  process.stdout.write(`wrote ${file}\n`);
}
