/**
 * Text from linted files reaches the terminal and CI logs. Control characters in it (terminal escape sequences,
 * carriage returns that overwrite a line) are shown as visible escapes instead of being sent raw.
 */
export function escapeControl(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  }).replace(/\n/g, '\\n');
}

/**
 * As {@link escapeControl}, but line feeds and carriage returns are left for a format that encodes them itself
 * (GitHub's workflow commands turn them into `%0A` and `%0D`).
 */
export function escapeControlExceptLineBreaks(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => escapeControl(char));
}
