/**
 * Every file loc-lint writes (baseline, report, `--output-file`) is written atomically: to a temporary file in
 * the same folder, then renamed over the target, so a reader never sees half a file and a crash loses nothing.
 */
import writeFileAtomicLib from 'write-file-atomic';

/** A file loc-lint was asked to write could not be written: a usage problem (exit 2), not a crash. */
export class WriteError extends Error {}

export async function writeFileAtomic(file: string, content: string): Promise<void> {
  try {
    await writeFileAtomicLib(file, content, { encoding: 'utf8' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new WriteError(`cannot write ${file}: ${reason}`);
  }
}
