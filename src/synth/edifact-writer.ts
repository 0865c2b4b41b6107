/**
 * Writing UN/EDIFACT (ISO 9735) interchanges for synthetic passenger data: a UNA service string advice, UNB/UNG/UNH
 * envelopes whose trailers count what they close, and every data value escaped with the release character, so the
 * parsers in `src/travel/` read back exactly what was written. Airline quirks (other separators, one segment per
 * line or one long line, a wrong UNT count) are options here rather than string edits after the fact.
 */

/** The service characters of an interchange (UNA positions 4–9) and what is written after each terminator. */
export interface EdifactSyntax {
  readonly component: string;
  readonly element: string;
  readonly decimal: string;
  readonly release: string;
  /** Repetition separator (D4) or reserved; a space when unused. */
  readonly repetition: string;
  readonly terminator: string;
  /** Written after each segment terminator: '' (one long line) or '\n' / '\r\n'. */
  readonly lineBreak: string;
}

/** The default UNA `:+.? '`, one segment per line. */
export const defaultSyntax: EdifactSyntax = Object.freeze({
  component: ':',
  element: '+',
  decimal: '.',
  release: '?',
  repetition: ' ',
  terminator: "'",
  lineBreak: '\n',
});

/** One data element: a single value or its components. */
export type EdifactElement = string | readonly string[];

/** A segment before it is written: tag and elements, values unescaped. */
export interface EdifactSegmentDraft {
  readonly tag: string;
  readonly elements: readonly EdifactElement[];
}

/** Shorthand for a segment draft: `seg('NAD', 'FL', '', '', ['DOE', 'JANE'])`. */
export function seg(tag: string, ...elements: EdifactElement[]): EdifactSegmentDraft {
  return { tag, elements };
}

/** Escapes every service character of `syntax` in a value with the release character. */
export function escapeEdifact(value: string, syntax: EdifactSyntax): string {
  const special = [syntax.release, syntax.component, syntax.element, syntax.terminator];
  if (syntax.repetition !== ' ') special.push(syntax.repetition);
  // Most values hold no service character: test first, copy only when something must be released.
  if (!special.some((c) => value.includes(c))) return value;
  let out = '';
  for (const ch of value) out += special.includes(ch) ? `${syntax.release}${ch}` : ch;
  return out;
}

/** One segment as text, without its terminator; trailing empty elements and components are dropped. */
export function formatSegment(draft: EdifactSegmentDraft, syntax: EdifactSyntax): string {
  const elements = draft.elements.map((e) => {
    const parts = (typeof e === 'string' ? [e] : [...e]).map((c) => escapeEdifact(c, syntax));
    while (parts.length > 0 && parts.at(-1) === '') parts.pop();
    return parts.join(syntax.component);
  });
  while (elements.length > 0 && elements.at(-1) === '') elements.pop();
  return [draft.tag, ...elements].join(syntax.element);
}

/** A message to wrap in UNH … UNT. */
export interface EdifactMessageDraft {
  readonly reference: string;
  /** UNH element 2, e.g. `['PAXLST', 'D', '05B', 'UN', 'IATA']`. */
  readonly type: readonly string[];
  /** UNH element 3: common access reference ('' for none). */
  readonly commonAccessReference: string;
  /** UNH element 4: sequence number and `C` (more follow) / `F` (final); omitted when undefined. */
  readonly sequence?: { readonly number: number; readonly final: boolean };
  readonly body: readonly EdifactSegmentDraft[];
  /** Added to the true UNT segment count, to imitate senders that count wrongly (0 = correct). */
  readonly untError?: number;
}

/** An interchange: the UNB header fields, an optional functional group, and its messages. */
export interface EdifactInterchangeDraft {
  readonly syntax: EdifactSyntax;
  /** Whether the UNA advice is written (it must be when the separators are not the defaults). */
  readonly writeUna: boolean;
  readonly syntaxId: string;
  readonly sender: string;
  readonly recipient: string;
  /** `YYMMDD` and `HHMM` of preparation. */
  readonly preparedDate: string;
  readonly preparedTime: string;
  readonly controlReference: string;
  readonly applicationReference: string;
  /** UNG group: message type and version elements; no group when undefined. */
  readonly group?: {
    readonly type: string;
    readonly reference: string;
    readonly agency: string;
    /** UNG element 7: message version and release, e.g. `['D', '05B']`. */
    readonly version: EdifactElement;
  };
  readonly messages: readonly EdifactMessageDraft[];
}

function messageSegments(m: EdifactMessageDraft): EdifactSegmentDraft[] {
  const unh = seg(
    'UNH',
    m.reference,
    m.type,
    m.commonAccessReference,
    m.sequence === undefined ? '' : [String(m.sequence.number).padStart(2, '0'), m.sequence.final ? 'F' : 'C'],
  );
  const count = m.body.length + 2 + (m.untError ?? 0);
  return [unh, ...m.body, seg('UNT', String(count), m.reference)];
}

/** Writes a whole interchange as text. */
export function writeInterchange(draft: EdifactInterchangeDraft): string {
  const s = draft.syntax;
  const segments: EdifactSegmentDraft[] = [
    seg(
      'UNB',
      [draft.syntaxId, '4'],
      [draft.sender, 'ZZ'],
      [draft.recipient, 'ZZ'],
      [draft.preparedDate, draft.preparedTime],
      draft.controlReference,
      '',
      draft.applicationReference,
    ),
  ];
  const g = draft.group;
  if (g !== undefined) {
    const when = [draft.preparedDate, draft.preparedTime];
    segments.push(
      seg('UNG', g.type, [draft.sender, 'ZZ'], [draft.recipient, 'ZZ'], when, g.reference, g.agency, g.version),
    );
  }
  for (const m of draft.messages) segments.push(...messageSegments(m));
  if (g !== undefined) segments.push(seg('UNE', String(draft.messages.length), g.reference));
  segments.push(seg('UNZ', String(g === undefined ? draft.messages.length : 1), draft.controlReference));
  const end = `${s.terminator}${s.lineBreak}`;
  const una = draft.writeUna
    ? `UNA${s.component}${s.element}${s.decimal}${s.release}${s.repetition}${s.terminator}${s.lineBreak}`
    : '';
  return una + segments.map((d) => formatSegment(d, s) + end).join('');
}
