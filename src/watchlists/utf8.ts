/**
 * Reading an import's bytes as UTF-8 without hiding bytes that are not UTF-8. A lenient decoder turns them into
 * U+FFFD, which would then be stored as if the file had said so (a Latin-1 "é" becoming "�" in a wanted person's
 * name); a fatal one throws for the whole stream. Here each chunk is decoded whole when it is valid — the usual case,
 * at the decoder's own speed — and only a chunk that is not is walked byte by byte, so that the reader can reject the
 * record or line holding the bad bytes and keep the others. A U+FFFD the file itself holds is text like any other.
 */

/** What the decoded stream is handed to: text in order, and a mark where bytes were not UTF-8. */
export interface Utf8Sink {
  text(text: string): void;
  /** Bytes that are not UTF-8 stood here; they are read as one U+FFFD. */
  invalid(): void;
}

/** The length of the valid UTF-8 sequence starting at `at` (a lead byte), or 0 when it is not one. */
function sequenceLength(bytes: Uint8Array, at: number): number {
  const b = bytes[at]!;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) length = 2;
  else if (b >= 0xe0 && b <= 0xef) {
    length = 3;
    if (b === 0xe0) low = 0xa0; // shorter forms of the same character (overlong)
    if (b === 0xed) high = 0x9f; // UTF-16 surrogates
  } else if (b >= 0xf0 && b <= 0xf4) {
    length = 4;
    if (b === 0xf0) low = 0x90; // overlong
    if (b === 0xf4) high = 0x8f; // past U+10FFFF
  } else return 0;
  if (at + length > bytes.length) return 0;
  const second = bytes[at + 1]!;
  if (second < low || second > high) return 0;
  for (let k = 2; k < length; k++) if ((bytes[at + k]! & 0xc0) !== 0x80) return 0;
  return length;
}

/**
 * Where the bytes stop holding whole characters: a chunk may end inside a character, whose first bytes wait for the
 * next chunk. Only a tail that could still become a character is held back; anything else is left to the check.
 */
function wholeLength(bytes: Uint8Array): number {
  const end = bytes.length;
  let lead = end - 1;
  while (lead >= 0 && end - lead < 4 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  if (lead < 0) return end;
  const b = bytes[lead]!;
  const needed = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 1;
  return end - lead < needed ? lead : end;
}

/** Decodes a byte stream chunk by chunk into a `Utf8Sink`; a byte order mark at the start is dropped. */
export class Utf8Decoder {
  // ignoreBOM: each chunk is decoded on its own, and a U+FEFF inside the file is text (only the first is dropped).
  private readonly strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private readonly lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  /** The first bytes of a character the last chunk ended inside (at most 3). */
  private carry: Uint8Array | undefined;
  private atStart = true;

  constructor(private readonly sink: Utf8Sink) {}

  push(chunk: Uint8Array): void {
    let bytes = chunk;
    if (this.carry !== undefined) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry);
      bytes.set(chunk, this.carry.length);
      this.carry = undefined;
    }
    const whole = wholeLength(bytes);
    if (whole < bytes.length) this.carry = bytes.slice(whole);
    const body = whole < bytes.length ? bytes.subarray(0, whole) : bytes;
    if (body.length === 0) return;
    let text: string;
    try {
      text = this.strict.decode(body);
    } catch {
      this.byByte(body);
      return;
    }
    this.emit(text);
  }

  /** The end of the input: a character it ends inside of is not UTF-8. */
  end(): void {
    if (this.carry !== undefined) {
      this.carry = undefined;
      this.atStart = false;
      this.sink.invalid();
    }
  }

  private emit(text: string): void {
    if (this.atStart && text.length > 0) {
      this.atStart = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text.length > 0) this.sink.text(text);
  }

  /** A chunk that failed the check: its valid runs as text, each byte that starts no valid character as a mark. */
  private byByte(bytes: Uint8Array): void {
    let start = 0;
    let at = 0;
    while (at < bytes.length) {
      if (bytes[at]! < 0x80) {
        at++;
        continue;
      }
      const length = sequenceLength(bytes, at);
      if (length > 0) {
        at += length;
        continue;
      }
      if (at > start) this.emit(this.lenient.decode(bytes.subarray(start, at)));
      this.atStart = false;
      this.sink.invalid();
      at++;
      start = at;
    }
    if (at > start) this.emit(this.lenient.decode(bytes.subarray(start, at)));
  }
}

export interface TextLine {
  /** 1-based line number. */
  readonly line: number;
  readonly text: string;
  /** Set when the line cannot be read: bytes that are not UTF-8, or a line past the length limit. */
  readonly error?: string;
}

export const notUtf8 = 'not valid UTF-8: is the file saved in another encoding (Latin-1, Windows-1252)?';

export function megabytes(characters: number): string {
  return `${Math.round((characters / 2 ** 20) * 10) / 10} MB`;
}

/** Splits text into lines (at LF, CRLF or CR, as readline does) without holding more than `maxLength` of one line. */
class LineSplitter implements Utf8Reader<TextLine> {
  out: TextLine[] = [];
  private parts: string[] = [];
  private length = 0;
  private line = 1;
  private bad = false;
  /** Past the length limit: the rest of the line is dropped. */
  private skipping = false;
  private pendingCr = false;

  constructor(private readonly maxLength: number) {}

  text(text: string): void {
    if (text.length === 0) return;
    let i = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (text.charCodeAt(0) === 10) i = 1;
    }
    let lf = text.indexOf('\n', i);
    let cr = text.indexOf('\r', i);
    while (i < text.length) {
      if (lf !== -1 && lf < i) lf = text.indexOf('\n', i);
      if (cr !== -1 && cr < i) cr = text.indexOf('\r', i);
      const end = lf === -1 ? (cr === -1 ? text.length : cr) : cr === -1 ? lf : Math.min(lf, cr);
      this.add(text, i, end);
      if (end === text.length) return;
      this.finish();
      i = end + 1;
      if (text.charCodeAt(end) === 13) {
        if (i === text.length) this.pendingCr = true;
        else if (text.charCodeAt(i) === 10) i++;
      }
    }
  }

  invalid(): void {
    this.pendingCr = false;
    if (this.skipping) return;
    this.bad = true;
    this.add('\uFFFD', 0, 1);
  }

  end(): void {
    if (this.length > 0 || this.bad) this.finish();
  }

  private add(text: string, from: number, to: number): void {
    if (this.skipping || to === from) return;
    if (this.length + (to - from) > this.maxLength) {
      this.out.push({
        line: this.line,
        text: '',
        error: `the line runs past ${megabytes(this.maxLength)}: is this a file of JSON lines?`,
      });
      this.parts = [];
      this.length = 0;
      this.bad = false;
      this.skipping = true;
      return;
    }
    this.parts.push(from === 0 && to === text.length ? text : text.slice(from, to));
    this.length += to - from;
  }

  private finish(): void {
    if (!this.skipping) {
      const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
      this.out.push(this.bad ? { line: this.line, text, error: notUtf8 } : { line: this.line, text });
    }
    this.parts = [];
    this.length = 0;
    this.bad = false;
    this.skipping = false;
    this.line++;
  }
}

/** A reader fed decoded text: what it has finished so far waits in `out`. */
export interface Utf8Reader<T> extends Utf8Sink {
  out: T[];
  /** The input has ended: finishes what is open. */
  end(): void;
}

/**
 * Feeds a stream of bytes (or text already decoded) to `reader` through one Utf8Decoder, yielding what the reader
 * finishes as it finishes it: memory holds a chunk and what the reader keeps open, never the stream.
 */
export async function* readThrough<T>(
  input: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  reader: Utf8Reader<T>,
): AsyncGenerator<T> {
  const decoder = new Utf8Decoder(reader);
  for await (const chunk of input) {
    if (typeof chunk === 'string') reader.text(chunk);
    else decoder.push(chunk);
    if (reader.out.length > 0) {
      const done = reader.out;
      reader.out = [];
      yield* done;
    }
  }
  decoder.end();
  reader.end();
  yield* reader.out;
}

/**
 * Yields the lines of a byte stream with their numbers, empty lines included. A line holding bytes that are not
 * UTF-8, or longer than `maxLength` characters (a file that is not line-based would otherwise be held whole), comes
 * with an `error` instead of being read.
 */
export function readLines(
  input: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  maxLength = 8 * 2 ** 20,
): AsyncGenerator<TextLine> {
  return readThrough(input, new LineSplitter(maxLength));
}
