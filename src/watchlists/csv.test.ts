import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CsvHeaderError, readCsv, readCsvObjects, type CsvRecord, type CsvRow } from './csv.js';
import { readLines } from './utf8.js';

async function all(chunks: (string | Uint8Array)[], maxRecordLength?: number, header?: boolean): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of readCsv(chunks, { maxRecordLength, header })) out.push(r);
  return out;
}

/** `text` cut into chunks of `size` characters. */
function pieces(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
}

async function objects(chunks: string[]): Promise<CsvRow[]> {
  const out: CsvRow[] = [];
  for await (const r of readCsvObjects(chunks, ['id'])) out.push(r);
  return out;
}

/** `bytes` cut into chunks of `size` bytes (a character's bytes may fall into two chunks). */
function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

describe('readCsv', () => {
  it('reads quoted fields, doubled quotes, newlines in quotes, CRLF, and gives each record its first line', async () => {
    const records = await all(['id,name\r\n1,"Smith, John"\r\n2,"say ""hi""\nthere"\n3,plain']);
    assert.deepEqual(
      records.map((r) => [r.line, r.fields]),
      [
        [1, ['id', 'name']],
        [2, ['1', 'Smith, John']],
        [3, ['2', 'say "hi"\nthere']],
        [5, ['3', 'plain']],
      ],
    );
  });

  it('reports an unclosed quote at the end (a truncated file) on its record', async () => {
    const records = await all(['id,name\n1,"unfinished']);
    assert.equal(records[1]?.error, 'a quote opened in field 2 is not closed before the end of the file (truncated?)');
    // The file is not known to be whole: a replacing import must not take it as the whole list.
    assert.equal(records[1]?.broken, true);
  });

  it('reports text after a closing quote', async () => {
    const records = await all(['a\n"x"y,z\n']);
    assert.equal(records[1]?.error, 'text after a closing quote in field 1');
  });

  it('reads the same records however the input is split into chunks', async () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', 'é') });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 7 }),
        async (rows, size) => {
          const text = rows.map((r) => r.map(quote).join(',')).join('\n') + '\n';
          const chunks: string[] = [];
          for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
          const whole = await all([text]);
          const split = await all(chunks);
          assert.deepEqual(split, whole);
          assert.deepEqual(
            whole.map((r) => r.fields),
            rows.filter((r) => !(r.length === 1 && r[0] === '')),
          );
        },
      ),
    );
  });

  it('reports a quote left open in a large file on its record, and reads the lines it swallowed again', async () => {
    const text = 'id,name\nb1,Good\nb2,"Open quote\n' + 'x'.repeat(30) + '\n' + 'y'.repeat(30) + '\nb3,Next\n';
    for (const size of [1, 7, text.length]) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      const records = await all(chunks, 40);
      assert.deepEqual(
        records.map((r) => [r.line, r.fields, r.error]),
        [
          [1, ['id', 'name'], undefined],
          [2, ['b1', 'Good'], undefined],
          // Past 40 characters within the line of x: the record is reported, and the lines after its first are read
          // again, each on its own.
          [
            3,
            ['b2', ''],
            'a quoted field runs past 0 MB: the quote of field 2 runs over the lines after this one (is a quote left open?); they were read again, each as a row of its own',
          ],
          [4, ['x'.repeat(30)], undefined],
          [5, ['y'.repeat(30)], undefined],
          [6, ['b3', 'Next'], undefined],
        ],
      );
    }
    // The default limit is 1 MB; the report says so.
    const open = await all(['a,b\n1,"' + 'z\n'.repeat(600_000) + 'end\n2,x\n']);
    assert.match(open[1]?.error ?? '', /^a quoted field runs past 1 MB: the quote of field 2 runs over the lines/);
    assert.equal(open[1]?.line, 2);
    assert.equal(open[1]?.broken, true);
    // Every line after its first is read again: 599,999 of z, then end and the last row, on their own lines.
    assert.equal(open.length, 600_003);
    assert.deepEqual(open.at(-1), { line: 600_003, fields: ['2', 'x'] });
    // A record past the limit without a line break in quotes is dropped whole: the file is not known to be whole.
    const long = await all(['a,b\n1,' + 'q'.repeat(50) + '\n2,x\n'], 40);
    assert.deepEqual(
      long.map((r) => [r.line, r.broken]),
      [
        [1, undefined],
        [2, true],
        [3, undefined],
      ],
    );
  });

  it('reads again, each on its own line, the rows a stray quote swallowed, whatever ends the swallowing record', async () => {
    const header = 'id,name,birthDate\n';
    const cases: [string, string, [number, string, string | undefined][]][] = [
      [
        // Never closed: to the end of the file.
        'q2,"Bo Berg,1971\nq3,Carl Dahl,1972\nq4,Dora Ek,1973\n',
        'a quote opened in field 2 is not closed before the end of the file',
        [
          [3, 'q3', undefined],
          [4, 'q4', undefined],
        ],
      ],
      [
        // Closed by the opening quote of a later field, which text follows.
        'q2,"Bo Berg,1971\nq3,Carl Dahl,1972\nq4,"Dora Ek",1973\nq5,"Erik, Fors",1974\n',
        'text after a closing quote in field 2',
        [
          [3, 'q3', undefined],
          [4, 'q4', undefined],
          [5, 'q5', undefined],
        ],
      ],
      [
        // Closed by a stray quote at the end of a later line: the record has fewer fields than the header.
        'q2,"Bo Berg,1971\nq3,Carl Dahl,1972\nq4,Dora Ek,1973"\nq5,Erik Fors,1974\n',
        '2 fields where the header has 3',
        [
          [3, 'q3', undefined],
          [4, 'q4', undefined],
          [5, 'q5', undefined],
        ],
      ],
    ];
    for (const [body, reason, rest] of cases) {
      const text = `${header}q1,Anna Lind,1970\n${body}`;
      for (const size of [1, 2, 5, text.length]) {
        const rows = await objects(pieces(text, size));
        assert.deepEqual(
          rows.slice(0, 2).map((r) => [r.line, r.row.id, r.error, r.broken]),
          [
            [2, 'q1', undefined, undefined],
            [
              3,
              'q2',
              `${reason}: the quote of field 2 runs over the lines after this one (is a quote left open?); they were read again, each as a row of its own`,
              true,
            ],
          ],
          `${body} in chunks of ${size}`,
        );
        // The swallowed rows, under their own lines; the line of a stray closing quote keeps it as text.
        assert.deepEqual(
          rows.slice(2).map((r) => [r.line - 1, r.row.id, r.error]),
          rest,
          `${body} in chunks of ${size}`,
        );
      }
    }
    // A quote that spans lines in a record that fits the header is a field holding line breaks, read as one.
    const kept = await objects([`${header}m1,"Multi\nLine",1980\nm2,Next,1981\n`]);
    assert.deepEqual(
      kept.map((r) => [r.line, r.row.name, r.error]),
      [
        [2, 'Multi\nLine', undefined],
        [4, 'Next', undefined],
      ],
    );
  });

  it('names the line of a header that lacks a required column, after blank lines', async () => {
    await assert.rejects(
      objects(['\n\nname,birthDate\nA,1990\n']),
      (error: unknown) =>
        error instanceof CsvHeaderError &&
        error.line === 3 &&
        error.message === 'line 3: the header lacks the column(s) id; it has name, birthDate',
    );
  });

  it('bounds a record without line breaks (a file that is not CSV), and many fields alike', async () => {
    const records = await all(['h\n' + 'q'.repeat(100) + '\nok\n' + ','.repeat(100) + '\nlast'], 30);
    assert.deepEqual(
      records.map((r) => [r.line, r.error]),
      [
        [1, undefined],
        [2, 'the record runs past 0 MB without a line break: is this a CSV file?'],
        [3, undefined],
        [4, 'the record runs past 0 MB without a line break: is this a CSV file?'],
        [5, undefined],
      ],
    );
  });

  it('rejects a record holding bytes that are not UTF-8, reads the others, and keeps a U+FFFD the file holds', async () => {
    const bytes = Buffer.concat([
      Buffer.from('id,name\nu1,Bad'),
      Buffer.from([0xe9]), // Latin-1 é
      Buffer.from(' Name\nu2,"Good \uFFFD Name"\nu3,"multi\nline '),
      Buffer.from([0xc3, 0x28]), // a lead byte without its continuation
      Buffer.from('"\nu4,Ok é\nu5,cut'),
      Buffer.from([0xe2, 0x82]), // truncated at the end of the file
    ]);
    for (const size of [1, 2, 3, 5, bytes.length]) {
      const records = await all(chunked(bytes, size));
      assert.deepEqual(
        records.map((r) => [r.line, r.fields[0], r.error]),
        [
          [1, 'id', undefined],
          [2, 'u1', 'field 2 is not valid UTF-8: is the file saved in another encoding (Latin-1, Windows-1252)?'],
          [3, 'u2', undefined],
          [4, 'u3', 'field 2 is not valid UTF-8: is the file saved in another encoding (Latin-1, Windows-1252)?'],
          [6, 'u4', undefined],
          [7, 'u5', 'field 2 is not valid UTF-8: is the file saved in another encoding (Latin-1, Windows-1252)?'],
        ],
      );
      assert.equal(records[2]?.fields[1], 'Good \uFFFD Name');
      assert.equal(records[4]?.fields[1], 'Ok é');
    }
  });

  it('drops a byte order mark at the start of the bytes only', async () => {
    const bytes = Buffer.from('\uFEFF"id",name\n1,a\uFEFFb\n');
    for (const size of [1, 2, 4, bytes.length]) {
      const records = await all(chunked(bytes, size));
      assert.deepEqual(
        records.map((r) => r.fields),
        [
          ['id', 'name'],
          ['1', 'a\uFEFFb'],
        ],
      );
    }
  });

  it('reads the same records from bytes however they are split, invalid bytes and record limits included', async () => {
    const unit = fc.constantFrom('a', ',', '"', '\n', '\r', 'é', '😀', '\uFFFD', '\xff', '\xc3');
    await fc.assert(
      fc.asyncProperty(
        fc.array(unit, { maxLength: 60 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 3, max: 12 }),
        async (units, size, limit) => {
          // \xff and \xc3 stand for single bytes that are not UTF-8 (\xc3 is a lead byte missing its continuation).
          const bytes = Buffer.concat(
            units.map((u) =>
              u === '\xff' ? Buffer.from([0xff]) : u === '\xc3' ? Buffer.from([0xc3]) : Buffer.from(u),
            ),
          );
          const whole = await all([bytes], limit);
          assert.deepEqual(await all(chunked(bytes, size), limit), whole);
          // With a header, a broken record across lines is read again line by line: the same however it is split.
          assert.deepEqual(await all(chunked(bytes, size), limit, true), await all([bytes], limit, true));
          const lenient = new TextDecoder().decode(bytes);
          // Valid input reads as its text does; invalid input is reported on some record.
          if (!units.some((u) => u === '\xff' || u === '\xc3')) assert.deepEqual(whole, await all([lenient], limit));
          else assert.ok(whole.some((r) => r.error !== undefined));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('readLines', () => {
  async function lines(chunks: (string | Uint8Array)[], max?: number) {
    const out: [number, string, string | undefined][] = [];
    for await (const l of readLines(chunks, max)) out.push([l.line, l.text, l.error]);
    return out;
  }

  it('numbers lines split at LF, CRLF or CR, rejects one with bytes that are not UTF-8, and bounds a line', async () => {
    const bytes = Buffer.concat([
      Buffer.from('\uFEFF{"a":1}\r\n{"b":"'),
      Buffer.from([0xe9]),
      Buffer.from('"}\n\n' + 'x'.repeat(50) + '\r{"c":"\uFFFD"}'),
    ]);
    for (const size of [1, 3, bytes.length]) {
      assert.deepEqual(await lines(chunked(bytes, size), 20), [
        [1, '{"a":1}', undefined],
        [2, '{"b":"\uFFFD"}', 'not valid UTF-8: is the file saved in another encoding (Latin-1, Windows-1252)?'],
        [3, '', undefined],
        [4, '', 'the line runs past 0 MB: is this a file of JSON lines?'],
        [5, '{"c":"\uFFFD"}', undefined],
      ]);
    }
  });
});
