/** Questions about paths that never throw: a path that cannot be read is an answer (`false`), not a crash. */
import { statSync } from 'node:fs';

/** Does `file` name a folder (following symbolic links)? */
export function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
