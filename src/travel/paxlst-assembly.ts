/**
 * Multi-part PAXLST lists: a large flight's list is split into messages that share a UNH common access reference and
 * carry sequence `01:C`, `02` … `nn:F` (ISO 9735 marks only the first and the last; some senders write `02:C`). The
 * parts may arrive in any order and in separate interchanges; this joins them into one list once all are present, and
 * says which are missing otherwise.
 */
import type { EdifactWarning, EdifactWarningCode } from './edifact-errors.js';
import type { EdifactMessageSequence, EdifactSegment } from './edifact.js';
import type { PaxlstList } from './paxlst.types.js';

/** Stable codes of a failed assembly. */
export type PaxlstAssemblyErrorCode =
  /** No parts were given. */
  | 'paxlst.no_parts'
  /** The parts do not share one common access reference (they belong to different lists). */
  | 'paxlst.parts_mismatch'
  /** Two parts carry the same sequence number. */
  | 'paxlst.part_duplicate'
  /** A sequence number between 1 and the final part is absent, or no part is marked final. */
  | 'paxlst.part_missing'
  /** The final marks disagree with the parts: two parts are marked final, or a part is numbered after the final one. */
  | 'paxlst.final_part_conflict';

/** Why parts could not be joined, naming the common access reference and the missing or duplicate parts. */
export class PaxlstAssemblyError extends Error {
  override readonly name = 'PaxlstAssemblyError';
  readonly code: PaxlstAssemblyErrorCode;
  readonly commonAccessReference: string;
  /**
   * Part numbers that are missing (`paxlst.part_missing`), duplicated (`paxlst.part_duplicate`), or marked final with
   * another part marked final or numbered after them (`paxlst.final_part_conflict`: those parts too).
   */
  readonly parts: readonly number[];

  constructor(code: PaxlstAssemblyErrorCode, commonAccessReference: string, parts: readonly number[], message: string) {
    super(message);
    this.code = code;
    this.commonAccessReference = commonAccessReference;
    this.parts = parts;
  }
}

/** `1`, `1 and 2`, `1, 2 and 3`. */
function listed(numbers: readonly number[]): string {
  return numbers.length < 2 ? numbers.join('') : `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)!}`;
}

/**
 * The part a message is of its list, from its UNH sequence (S010). ISO 9735 marks the first of several parts C and
 * the last F, and a middle part not at all: only F ends a list, and a part 1 marked F or not at all is a whole list.
 */
export function partOf(sequence: EdifactMessageSequence | undefined): PaxlstList['part'] {
  if (sequence?.number === undefined) return undefined;
  const final = sequence.position === 'F' || (sequence.number === 1 && sequence.position === '');
  return { number: sequence.number, final };
}

/** True for a part of a multi-part list (not `01:F`, not `01`, not unnumbered). */
export function isPartial(part: PaxlstList['part']): boolean {
  return part !== undefined && !(part.number === 1 && part.final);
}

/** True when the list is one part of a multi-part list (not `01:F`, not `01`, not unnumbered). */
export function isPartialList(list: PaxlstList): boolean {
  return isPartial(list.part);
}

/** Compares CNT totals with the travellers found and warns on a mismatch. */
export function checkTotals(
  declaredPassengers: number | undefined,
  declaredCrew: number | undefined,
  passengers: number,
  crew: number,
  at: EdifactSegment,
  warn: (code: EdifactWarningCode, segment: EdifactSegment, text: string) => void,
): void {
  if (declaredPassengers !== undefined && declaredPassengers !== passengers) {
    warn('paxlst.cnt_mismatch', at, `CNT+42 declares ${declaredPassengers} passengers, the list holds ${passengers}`);
  }
  if (declaredCrew !== undefined && declaredCrew !== crew) {
    warn('paxlst.cnt_mismatch', at, `CNT+41 declares ${declaredCrew} crew, the list holds ${crew}`);
  }
}

/** Joins the parts of one multi-part list (any order) into a single list; throws PaxlstAssemblyError if incomplete. */
export function assemblePaxlst(parts: readonly PaxlstList[]): PaxlstList {
  const first = parts[0];
  if (first === undefined) throw new PaxlstAssemblyError('paxlst.no_parts', '', [], 'no PAXLST parts to assemble');
  const car = first.commonAccessReference;
  const others = parts.filter((p) => p.commonAccessReference !== car).map((p) => p.commonAccessReference);
  if (others.length > 0) {
    throw new PaxlstAssemblyError(
      'paxlst.parts_mismatch',
      car,
      [],
      `parts belong to different lists: common access references ${[car, ...new Set(others)].join(', ')}`,
    );
  }
  const byNumber = new Map<number, PaxlstList>();
  const duplicates: number[] = [];
  for (const p of parts) {
    const n = p.part?.number ?? 1;
    if (byNumber.has(n)) duplicates.push(n);
    byNumber.set(n, p);
  }
  if (duplicates.length > 0) {
    throw new PaxlstAssemblyError(
      'paxlst.part_duplicate',
      car,
      duplicates,
      `list ${car}: part ${duplicates.join(', ')} received more than once`,
    );
  }
  const numbers = [...byNumber.keys()].sort((a, b) => a - b);
  // Where the final marks disagree with the parts, which part ends the list is not known: said as such, the same
  // whatever order the parts came in, rather than as parts missing.
  const finals = numbers.filter((n) => byNumber.get(n)!.part?.final ?? true);
  const highest = numbers.at(-1)!;
  if (finals.length > 1) {
    const detail = `parts ${listed(finals)} are ${finals.length > 2 ? 'all' : 'both'} marked final`;
    throw new PaxlstAssemblyError('paxlst.final_part_conflict', car, finals, `list ${car}: ${detail}`);
  }
  const finalNumber = finals[0];
  if (finalNumber !== undefined && finalNumber < highest) {
    const after = numbers.filter((n) => n > finalNumber);
    const more = after.length > 1;
    const detail = `part ${finalNumber} is marked final but part${more ? 's' : ''} ${listed(after)} exist${more ? '' : 's'}`;
    throw new PaxlstAssemblyError('paxlst.final_part_conflict', car, [finalNumber, ...after], `list ${car}: ${detail}`);
  }
  const expected = finalNumber ?? highest + 1; // without a final part, at least the next one is missing
  const missing: number[] = [];
  for (let n = 1; n <= expected; n++) if (!byNumber.has(n)) missing.push(n);
  if (missing.length > 0 || finalNumber === undefined) {
    const detail =
      finalNumber === undefined
        ? `no final part (sequence :F) among parts ${numbers.join(', ')}`
        : `part${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${finalNumber} missing`;
    throw new PaxlstAssemblyError('paxlst.part_missing', car, missing, `list ${car}: ${detail}`);
  }

  const ordered = numbers.map((n) => byNumber.get(n)!);
  const head = ordered[0]!;
  const warnings: EdifactWarning[] = ordered.flatMap((p) => p.warnings);
  const warn = (code: EdifactWarningCode, segment: EdifactSegment, text: string): void => {
    warnings.push({ code, message: text, segment: segment.index, offset: segment.offset });
  };
  const flightKey = `${head.flight.carrier}${head.flight.flightNumber}/${head.flight.scheduledDeparture ?? ''}`;
  for (const p of ordered) {
    const key = `${p.flight.carrier}${p.flight.flightNumber}/${p.flight.scheduledDeparture ?? ''}`;
    if (key !== flightKey) {
      warnings.push({
        code: 'paxlst.part_flight_differs',
        message: `part ${p.part?.number ?? 1} names flight ${key}, part 1 ${flightKey}`,
        segment: 0,
        offset: 0,
      });
    }
  }
  const travellers = ordered.flatMap((p) => p.travellers);
  const passengerCount = ordered.reduce((n, p) => n + p.passengerCount, 0);
  const crewCount = ordered.reduce((n, p) => n + p.crewCount, 0);
  // CNT may give each part's own count or, on the last part, the whole list's: accept either.
  const sumOf = (pick: (p: PaxlstList) => number | undefined): number | undefined =>
    ordered.every((p) => pick(p) !== undefined) ? ordered.reduce((n, p) => n + pick(p)!, 0) : undefined;
  const lastPart = ordered.at(-1)!;
  const declared = (pick: (p: PaxlstList) => number | undefined, actual: number): number | undefined => {
    const total = pick(lastPart);
    const sum = sumOf(pick);
    return total === actual || sum === undefined ? total : sum;
  };
  const declaredPassengers = declared((p) => p.declaredPassengers, passengerCount);
  const declaredCrew = declared((p) => p.declaredCrew, crewCount);
  // A list in one message was checked when it was parsed; a multi-part list only can be here, as a whole.
  if (ordered.length > 1) {
    const anchor: EdifactSegment = { kind: 'segment', tag: 'CNT', elements: [], index: 0, offset: 0 };
    if (declaredPassengers === undefined && declaredCrew === undefined) {
      warn(
        'paxlst.cnt_missing',
        anchor,
        `no CNT in any of the ${ordered.length} parts: the list total was not checked`,
      );
    }
    checkTotals(declaredPassengers, declaredCrew, passengerCount, crewCount, anchor, warn);
  }

  return {
    ...head,
    part: { number: 1, final: true },
    partCount: ordered.length,
    travellers,
    declaredPassengers,
    declaredCrew,
    passengerCount,
    crewCount,
    unknownSegments: ordered.flatMap((p) => p.unknownSegments),
    warnings,
  };
}

/**
 * What the parts received so far say about the multi-part list `part` belongs to, once its final part is in: parts
 * missing or final marks that disagree, or, when every part is in, what only the whole list shows (CNT totals declared
 * for the whole list or declared by no part, parts naming different flights). `known` are the lists stored for its
 * flight, oldest first, `part` among them; a part received again replaces the earlier copy. Nothing while the final
 * part has not arrived (the parts are still coming) and nothing for a list in one message.
 */
export function partWarnings(part: PaxlstList, known: readonly PaxlstList[]): EdifactWarning[] {
  if (!isPartialList(part)) return [];
  const parts = new Map<number, PaxlstList>();
  for (const list of known) {
    if (list.commonAccessReference === part.commonAccessReference && isPartialList(list))
      parts.set(list.part!.number, list);
  }
  const received = [...parts.values()];
  if (!received.some((p) => p.part!.final)) return [];
  try {
    const whole = assemblePaxlst(received);
    // The whole list's warnings begin with its parts' own, already on their messages.
    return whole.warnings.slice(received.reduce((n, p) => n + p.warnings.length, 0));
  } catch (error) {
    if (!(error instanceof PaxlstAssemblyError)) throw error;
    if (error.code !== 'paxlst.part_missing' && error.code !== 'paxlst.final_part_conflict') throw error;
    return [{ code: error.code, message: error.message, segment: 0, offset: 0 }];
  }
}
