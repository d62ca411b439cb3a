/**
 * Every file loc-lint writes (baseline, report, `--output-file`) is written atomically: to a temporary file in
 * the same folder, then renamed over the target, so a reader never sees half a file and a crash loses nothing.
 */
import writeFileAtomicLib from 'write-file-atomic';

export async function writeFileAtomic(file: string, content: string): Promise<void> {
  await writeFileAtomicLib(file, content, { encoding: 'utf8' });
}
