/**
 * Turning raw bytes into text before tokenizing. An interchange says its character set in UNB (syntax identifier):
 * UNOA/UNOB/UNOW/UNOY and anything unknown are read as strict UTF-8 (ASCII is a subset); UNOC…UNOK are the
 * ISO 8859 parts they stand for. Strings are taken as already decoded.
 */
import { EdifactParseError } from './edifact-errors.js';

const iso8859: Readonly<Record<string, string>> = {
  UNOC: 'latin1',
  UNOD: 'iso-8859-2',
  UNOE: 'iso-8859-5',
  UNOF: 'iso-8859-7',
  UNOG: 'iso-8859-3',
  UNOH: 'iso-8859-4',
  UNOI: 'iso-8859-6',
  UNOJ: 'iso-8859-8',
  UNOK: 'iso-8859-9',
};

/** The UNB syntax identifier (UNOA…UNOY) found near the start of raw bytes, or undefined. */
export function sniffSyntaxIdentifier(bytes: Uint8Array): string | undefined {
  const end = Math.min(bytes.length - 6, 512);
  for (let i = 0; i < end; i++) {
    // "UNB", one separator, then "UNO" and the level letter.
    if (bytes[i] === 0x55 && bytes[i + 1] === 0x4e && bytes[i + 2] === 0x42) {
      if (bytes[i + 4] === 0x55 && bytes[i + 5] === 0x4e && bytes[i + 6] === 0x4f) {
        const level = bytes[i + 7];
        if (level !== undefined && level >= 0x41 && level <= 0x5a) return `UNO${String.fromCharCode(level)}`;
      }
      return undefined;
    }
  }
  return undefined;
}

/** Offset of the first byte that breaks UTF-8, or -1 when all of `bytes` is valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes an interchange's bytes in the character set its UNB declares; throws `edifact.encoding` on bad bytes. */
export function decodeEdifact(bytes: Uint8Array): string {
  const syntax = sniffSyntaxIdentifier(bytes);
  const label = syntax === undefined ? undefined : iso8859[syntax];
  if (label !== undefined) return new TextDecoder(label).decode(bytes);
  try {
    return utf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const byte = bytes[at] ?? 0;
    const { segment, tag } = segmentAt(bytes, at);
    throw new EdifactParseError(
      'edifact.encoding',
      {
        segment,
        tag,
        offset: at,
        expected: `UTF-8 text (syntax ${syntax ?? 'not declared'})`,
        found: `byte 0x${byte.toString(16).padStart(2, '0')}`,
      },
      'declare UNOC…UNOK in UNB for ISO 8859 data',
    );
  }
}

/**
 * The segment holding byte `at`, numbered as the envelope numbers them (within its message from UNH = 1, else within
 * the interchange), with its tag: a walk over the bytes before it, by the separators UNA declares (the defaults
 * otherwise), which are ASCII whatever the character set. Tag '' when `at` is not inside a segment with a tag.
 */
export function segmentAt(bytes: Uint8Array, at: number): { segment: number; tag: string } {
  const una = bytes[0] === 0x55 && bytes[1] === 0x4e && bytes[2] === 0x41 && bytes.length >= 9;
  const terminator = una ? bytes[8]! : 0x27;
  const release = una ? (bytes[6] === 0x20 ? -1 : bytes[6]!) : 0x3f;
  let ordinal = 0; // segments of the interchange
  let inMessage = 0; // segments of the current message, 0 outside one
  let tag = '';
  let i = una ? 9 : 0;
  while (i <= at && i < bytes.length) {
    while (bytes[i] === 0x0d || bytes[i] === 0x0a) i++;
    if (i > at) return { segment: ordinal + 1, tag: '' };
    tag = String.fromCharCode(bytes[i]!, bytes[i + 1] ?? 0x20, bytes[i + 2] ?? 0x20);
    ordinal++;
    if (tag === 'UNH') inMessage = 1;
    else if (inMessage > 0) inMessage++;
    while (i < bytes.length && bytes[i] !== terminator) i += bytes[i] === release ? 2 : 1;
    if (i >= at) break;
    i++;
    if (tag === 'UNT') inMessage = 0;
  }
  return { segment: inMessage > 0 ? inMessage : ordinal, tag: /^[A-Z0-9]{3}$/.test(tag) ? tag : '' };
}
