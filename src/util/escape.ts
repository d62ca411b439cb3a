/**
 * Text from linted files reaches the terminal and CI logs. Control characters in it (terminal escape sequences,
 * carriage returns that overwrite a line, C1 controls such as the one-byte CSI) and the bidirectional embedding,
 * override and isolate controls (which reorder what a reader sees: "Trojan Source") are shown as visible escapes
 * instead of being sent raw. Letters of right-to-left scripts and the plain marks (LRM, RLM) are left alone.
 */

// C0 (but tab and line feed), DEL and C1, the line and paragraph separators, and U+202A–U+202E, U+2066–U+2069.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// The same without line breaks (CR and LF), for formats that encode those themselves.
// eslint-disable-next-line no-control-regex
const UNSAFE_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// What JSON.stringify leaves raw of the above (it escapes C0 itself).
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const visible = (char: string): string => {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

export function escapeControl(value: string): string {
  return value.replace(UNSAFE, visible).replace(/\n/g, '\\n');
}

/**
 * As {@link escapeControl}, but line feeds and carriage returns are left for a format that encodes them itself
 * (GitHub's workflow commands turn them into `%0A` and `%0D`).
 */
export function escapeControlExceptLineBreaks(value: string): string {
  return value.replace(UNSAFE_EXCEPT_LINE_BREAKS, visible);
}

/**
 * JSON text whose strings hold no raw terminal controls: the characters JSON.stringify leaves as they are (DEL,
 * C1, U+2028/U+2029, bidirectional controls) become `\u` escapes. The parsed data is unchanged, so nothing is lost
 * for machines, and `cat`-ing the output is safe for people.
 */
export function safeJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
