/**
 * @file missing-span-id
 *
 * ## What it checks
 * In the side-by-side span format, every translated segment is a `<span data-ttu-id="ID">` followed right away
 * by `<span class="sxs-lookup"><span data-stu-id="ID">` holding its English. This rule reports markup that
 * breaks that pairing:
 * - a `data-ttu-id` with no `data-stu-id` right after it, and a `data-stu-id` with no `data-ttu-id` before it;
 * - a `data-stu-id` whose id differs from the `data-ttu-id` before it;
 * - a `<span>` never closed within its block, and a `</span>` that closes nothing;
 * - the same `data-ttu-id` used twice in a file;
 * - an id that is not of the form the localization tools write (`f6f19-102`, `f6f19-p101`: five hexadecimal
 *   digits, `-`, an optional `p`, digits), see the option `idPattern`;
 * - an id whose prefix (the part before `-`) differs from the one most ids of the file use;
 * - translatable text left outside any span in a block that uses spans. docfx extensions (`[!NOTE]`,
 *   `[!INCLUDE[…](…)]`, `[!div class="…"]`), URLs, file names, numbers, identifiers and punctuation are not
 *   translatable and stay outside spans legitimately.
 *
 * Files without span markup are not this rule's business.
 *
 * ## Why
 * The side-by-side pages are rebuilt from these spans: a translated segment without its English (or with the
 * wrong one) shows readers the wrong "original" text, a duplicated or foreign id means segments were copied
 * between files or handoffs, a broken span swallows the markup that follows it, and text outside the spans is
 * never sent to translation again.
 *
 * ## Options
 * - `idPattern` (string, default `^[0-9a-f]{5}-p?[0-9]+$`): regular expression every span id must match.
 *
 * ## Examples
 *
 * @example
 *   {"name": "well-formed segments, with a note marker outside the spans"}
 *   ~~~english
 *   # Compromised email accounts
 *
 *   > [!NOTE]
 *   > There are several steps you can take.
 *   ~~~
 *   ~~~translated
 *   # <span data-ttu-id="f6f19-102">Kompromittierte E-Mail-Konten</span><span class="sxs-lookup"><span data-stu-id="f6f19-102">Compromised email accounts</span></span>
 *
 *   > [!NOTE]
 *   > <span data-ttu-id="f6f19-p101">Es gibt mehrere Schritte.</span><span class="sxs-lookup"><span data-stu-id="f6f19-p101">There are several steps you can take.</span></span>
 *   ~~~
 *
 * @example
 *   {"name": "a translated span without its English"}
 *   ~~~english
 *   There are several steps you can take.
 *   ~~~
 *   ~~~translated
 *   <span data-ttu-id="f6f19-103">Es gibt mehrere Schritte.</span>
 *   ~~~
 *   ~~~findings
 *   1:1 missing-span-id data-ttu-id "f6f19-103" has no matching data-stu-id after it
 *   ~~~
 *
 * @example
 *   {"name": "English span without a translation, and mismatched ids"}
 *   ~~~english
 *   One. Two.
 *   ~~~
 *   ~~~translated
 *   <span class="sxs-lookup"><span data-stu-id="f6f19-104">One.</span></span> <span data-ttu-id="f6f19-105">Zwei.</span><span class="sxs-lookup"><span data-stu-id="f6f19-106">Two.</span></span>
 *   ~~~
 *   ~~~findings
 *   1:26 missing-span-id data-stu-id "f6f19-104" has no matching data-ttu-id before it
 *   1:142 missing-span-id data-stu-id "f6f19-106" does not match the data-ttu-id "f6f19-105" before it
 *   ~~~
 *
 * @example
 *   {"name": "duplicate, malformed and foreign ids"}
 *   ~~~english
 *   One. Two. Three. Four.
 *   ~~~
 *   ~~~translated
 *   <span data-ttu-id="f6f19-102">Eins.</span><span class="sxs-lookup"><span data-stu-id="f6f19-102">One.</span></span>
 *   <span data-ttu-id="f6f19-102">Zwei.</span><span class="sxs-lookup"><span data-stu-id="f6f19-102">Two.</span></span>
 *   <span data-ttu-id="f6f19-x7">Drei.</span><span class="sxs-lookup"><span data-stu-id="f6f19-x7">Three.</span></span>
 *   <span data-ttu-id="0a1b2-105">Vier.</span><span class="sxs-lookup"><span data-stu-id="0a1b2-105">Four.</span></span>
 *   ~~~
 *   ~~~findings
 *   2:1 missing-span-id data-ttu-id "f6f19-102" is used more than once in this file (first at line 1)
 *   3:1 missing-span-id data-ttu-id "f6f19-x7" is malformed: span ids look like "f6f19-102" (idPattern ^[0-9a-f]{5}-p?[0-9]+$)
 *   4:1 missing-span-id data-ttu-id "0a1b2-105" has prefix "0a1b2", but this file's other span ids use "f6f19"
 *   ~~~
 *
 * @example
 *   {"name": "unclosed span and stray close"}
 *   ~~~english
 *   One.
 *
 *   Two.
 *   ~~~
 *   ~~~translated
 *   <span data-ttu-id="f6f19-102">Eins.
 *
 *   Zwei.</span>
 *   ~~~
 *   ~~~findings
 *   1:1 missing-span-id <span data-ttu-id="f6f19-102"> is not closed before its block ends
 *   3:6 missing-span-id </span> closes no open <span>
 *   ~~~
 *
 * @example
 *   {"name": "translatable text outside the spans"}
 *   ~~~english
 *   Select **Apply**. Then close the window.
 *   ~~~
 *   ~~~translated
 *   <span data-ttu-id="f6f19-102">Wählen Sie **Übernehmen**.</span><span class="sxs-lookup"><span data-stu-id="f6f19-102">Select **Apply**.</span></span> Then close the window.
 *   ~~~
 *   ~~~findings
 *   1:151 missing-span-id Text outside any span in a block that uses spans: "Then close the window." is never sent to translation
 *   ~~~
 */
import { defineRule, docfxExtensionRanges, isTranslatable, quote, type LocDocument, type Range, type SpanAnomaly } from '../src/rule-kit/index.js';

export const DEFAULT_ID_PATTERN = '^[0-9a-f]{5}-p?[0-9]+$';

interface Options {
  idPattern: string;
}

function compile(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (error) {
    throw new Error(`missing-span-id: idPattern ${JSON.stringify(pattern)} is not a regular expression (${(error as Error).message})`);
  }
}

/** The opening tag as written in the file, for messages about unclosed spans. */
function tagText(document: LocDocument, place: Range, fallback: string): string {
  const text = document.text.slice(place.start.offset, place.end.offset);
  return /^<span\b[^<>]*>$/i.test(text) && text.length <= 80 ? text.replace(/\s+/g, ' ') : fallback;
}

function describe(anomaly: SpanAnomaly, document: LocDocument): string | undefined {
  switch (anomaly.kind) {
    case 'ttu-without-stu':
      return `data-ttu-id "${anomaly.id}" has no matching data-stu-id after it`;
    case 'stu-without-ttu':
      return anomaly.id !== undefined
        ? `data-stu-id "${anomaly.id}" has no matching data-ttu-id before it`
        : '<span class="sxs-lookup"> has neither a data-ttu-id span before it nor a data-stu-id span inside it';
    case 'id-mismatch':
      return `data-stu-id "${anomaly.otherId}" does not match the data-ttu-id "${anomaly.id}" before it`;
    case 'unclosed':
      return `${tagText(document, anomaly.position, anomaly.id ? `<span data-ttu-id="${anomaly.id}">` : '<span>')} is not closed before its block ends`;
    case 'stray-close':
      return '</span> closes no open <span>';
    case 'text-outside':
      return undefined; // judged per block below
  }
}

export default defineRule<Options>(
  {
    id: 'missing-span-id',
    type: 'problem',
    docs: { description: 'span markup pairs every data-ttu-id with its data-stu-id, with well-formed, unique ids and no text outside spans' },
    defaultSeverity: 'error',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { idPattern: { type: 'string', minLength: 1, format: 'regex' } },
    },
    defaultOptions: { idPattern: DEFAULT_ID_PATTERN },
  },
  (context) => {
    const document = context.translated;
    if (!document.spanFormat) return;
    const idPattern = compile(context.options.idPattern);

    // Broken pairing, as the document model found it.
    const outside: SpanAnomaly[] = [];
    for (const anomaly of document.spanAnomalies) {
      if (anomaly.kind === 'text-outside') {
        outside.push(anomaly);
        continue;
      }
      const message = describe(anomaly, document);
      if (message) context.report({ message, place: anomaly.position, details: { kind: anomaly.kind, id: anomaly.id, otherId: anomaly.otherId }, subject: `${anomaly.kind} ${anomaly.id ?? ''} ${anomaly.otherId ?? ''}` });
    }

    // Duplicate and malformed ids.
    const firstLine = new Map<string, number>();
    const prefixes = new Map<string, number>();
    for (const span of document.spans) {
      const seen = firstLine.get(span.id);
      if (seen !== undefined) {
        context.report({
          message: `data-ttu-id "${span.id}" is used more than once in this file (first at line ${seen})`,
          place: span.position,
          details: { kind: 'duplicate', id: span.id },
          subject: `duplicate ${span.id}`,
        });
      } else firstLine.set(span.id, span.position.start.line);
      if (!idPattern.test(span.id)) {
        context.report({
          message: `data-ttu-id "${span.id}" is malformed: span ids look like "f6f19-102" (idPattern ${context.options.idPattern})`,
          place: span.position,
          details: { kind: 'malformed', id: span.id },
          subject: `malformed ${span.id}`,
        });
      }
      else {
        const prefix = span.id.split('-')[0];
        prefixes.set(prefix, (prefixes.get(prefix) ?? 0) + 1);
      }
    }

    // One prefix per file: the one most well-formed ids use (the first seen on a tie).
    let dominant: string | undefined;
    for (const [prefix, count] of prefixes) if (dominant === undefined || count > prefixes.get(dominant)!) dominant = prefix;
    if (prefixes.size > 1) {
      for (const span of document.spans) {
        const prefix = span.id.split('-')[0];
        if (prefix === dominant || !idPattern.test(span.id)) continue;
        context.report({
          message: `data-ttu-id "${span.id}" has prefix "${prefix}", but this file's other span ids use "${dominant}"`,
          place: span.position,
          details: { kind: 'foreign-prefix', id: span.id, prefix, filePrefix: dominant },
          subject: `foreign-prefix ${span.id}`,
        });
      }
    }

    // Text outside the spans, judged per block so that `[!INCLUDE` + `]` around a link count as one extension.
    const byBlock = new Map<number, SpanAnomaly[]>();
    for (const anomaly of outside) {
      const offset = anomaly.position.start.offset;
      const block = document.blocks.find((candidate) => candidate.position.start.offset <= offset && offset < candidate.position.end.offset);
      const key = block?.index ?? -1 - offset;
      const group = byBlock.get(key);
      if (group) group.push(anomaly);
      else byBlock.set(key, [anomaly]);
    }
    for (const [key, all] of byBlock) {
      // The link inside `[!INCLUDE [name](path)]` is parsed as a link: drop text that sits inside an extension.
      const block = key >= 0 ? document.blocks[key] : undefined;
      const base = block?.position.start.offset ?? 0;
      const extensions = block ? docfxExtensionRanges(document.text.slice(base, block.position.end.offset)) : [];
      const group = all.filter((anomaly) => {
        const at = anomaly.position.start.offset - base;
        return !extensions.some((range) => range.start <= at && at < range.end);
      });
      if (group.length === 0) continue;
      const text = group.map((anomaly) => anomaly.text ?? '').join(' ');
      if (!isTranslatable(text)) continue;
      const first = group.find((anomaly) => isTranslatable(anomaly.text ?? '')) ?? group[0];
      context.report({
        message: `Text outside any span in a block that uses spans: "${quote(text)}" is never sent to translation`,
        place: first.position,
        details: { kind: 'text-outside', text },
        subject: `text-outside ${text}`,
      });
    }
  },
);
