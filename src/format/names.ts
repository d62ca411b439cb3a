/**
 * The names of the output formats, apart from the formatters themselves: `--help` and argument checks need
 * the names, and must not load every formatter (and what they import) to print them.
 */
export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github', 'junit'] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];
