/**
 * UN/EDIFACT (ISO 9735) interchanges as airlines send them: UNA service string advice, UNB/UNG/UNH envelopes and
 * UNT/UNE/UNZ trailers around any number of messages. Generic: it knows the envelope, not PAXLST or PNRGOV. Count
 * and reference mismatches in trailers are warnings (real traffic is often off by one); broken structure throws.
 */
import { EdifactParseError, type EdifactWarning } from './edifact-errors.js';
import { readInterchange } from './edifact-envelope.js';
import type { EdifactSeparators } from './edifact-scanner.js';
import type { EdifactSegment } from './edifact-segment.js';
import { walkSegments } from './edifact-walk.js';

export { defaultSeparators, type EdifactSeparators } from './edifact-scanner.js';
export type { EdifactSegment, SegmentView } from './edifact-segment.js';
export { readInterchange } from './edifact-envelope.js';
export {
  component,
  componentCount,
  elementCount,
  keepSegment,
  walkSegments,
  type SegmentWalk,
} from './edifact-walk.js';

/** A party named in UNB/UNG: identification and its code qualifier (e.g. ZZ mutually defined). */
export interface EdifactParty {
  readonly id: string;
  readonly qualifier: string;
}

/** UNH S010: the part of a multi-part message (`01:C` … `03:F`). */
export interface EdifactMessageSequence {
  /** Sequence number of this part, undefined when UNH gives none. */
  readonly number: number | undefined;
  /** `C` (more parts follow) or `F` (final part), as sent. */
  readonly position: string;
}

/** One message between UNH and UNT, UNH and UNT included in `segments`. */
export interface EdifactMessage {
  readonly kind: 'message';
  readonly reference: string;
  /** Message type, e.g. PAXLST or PNRGOV. */
  readonly type: string;
  /** Directory version, e.g. D (UN) or 11 (IATA PADIS). */
  readonly version: string;
  /** Directory release, e.g. 05B or 1. */
  readonly release: string;
  /** Controlling agency, e.g. UN or IA. */
  readonly agency: string;
  /** Association assigned code, e.g. IATA. */
  readonly associationCode: string;
  /** UNH common access reference: ties the parts of a multi-part PAXLST together. */
  readonly commonAccessReference: string;
  readonly sequence: EdifactMessageSequence | undefined;
  /** Reference of the UNG functional group that holds the message, if any. */
  readonly groupReference: string | undefined;
  readonly segments: readonly EdifactSegment[];
  readonly offset: number;
  readonly warnings: readonly EdifactWarning[];
}

/** A UNG…UNE functional group (the messages themselves are listed in the interchange, in order). */
export interface EdifactGroup {
  readonly kind: 'group';
  readonly reference: string;
  readonly messageType: string;
  readonly sender: EdifactParty;
  readonly recipient: EdifactParty;
  readonly messageCount: number;
}

/** A whole interchange: the UNB header, its groups and messages, and the warnings of its trailers. */
export interface EdifactInterchange {
  readonly kind: 'interchange';
  readonly separators: EdifactSeparators;
  /** Syntax identifier (UNOA, UNOB, UNOC, UNOW, UNOY…) and version; empty when there is no UNB. */
  readonly syntax: { readonly identifier: string; readonly version: string };
  readonly sender: EdifactParty;
  readonly recipient: EdifactParty;
  /** UNB date (YYMMDD) and time (HHMM) of preparation, as sent. */
  readonly preparedDate: string;
  readonly preparedTime: string;
  readonly controlReference: string;
  /** UNB application reference, e.g. APIS or IAPI. */
  readonly applicationReference: string;
  readonly testIndicator: boolean;
  readonly groups: readonly EdifactGroup[];
  readonly messages: readonly EdifactMessage[];
  readonly warnings: readonly EdifactWarning[];
}

/** Throws `edifact.wrong_message_type` at the UNH of `message` unless it is of `type` (PAXLST, PNRGOV). */
export function expectMessageType(message: EdifactMessage, type: string): void {
  if (message.type === type) return;
  const unh = walkSegments(message).at(0);
  throw new EdifactParseError('edifact.wrong_message_type', {
    segment: unh.index,
    tag: unh.tag,
    offset: unh.offset,
    expected: `a ${type} message`,
    found: message.type,
  });
}

/**
 * Parses an EDIFACT interchange. Takes decoded text, or raw bytes decoded per the UNB syntax identifier (strict
 * UTF-8 unless UNOC…UNOK). Returns messages with their segments, or throws `EdifactParseError`.
 */
export function parseEdifact(input: string | Uint8Array): EdifactInterchange {
  return readInterchange(input, false);
}
