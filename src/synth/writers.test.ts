import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PassThrough, Writable } from 'node:stream';
import { findCountry } from '../countries/countries.js';
import { documents } from './documents.js';
import { persons } from './persons.js';
import { queries } from './queries.js';
import {
  csvRow,
  documentCsvHeader,
  personCsvHeader,
  queryCsvHeader,
  writeDocumentsCsv,
  writePersonsCsv,
  writePersonsFtm,
  writeQueriesCsv,
} from './writers.js';

/** A tiny RFC 4180 reader: quoted fields, doubled quotes, separators and line breaks inside quotes. */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

/** Collects what a writer writes. */
async function capture(write: (out: Writable) => Promise<number>): Promise<{ text: string; rows: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const rows = await write(out);
  out.end();
  return { text: Buffer.concat(chunks).toString('utf8'), rows };
}

describe('synthetic data writers', () => {
  it('quote CSV fields that need it and read back', () => {
    const fields = ['plain', 'a,b', 'say "hi"', 'two\nlines', ' edge ', '', 'محمد'];
    assert.deepEqual(readCsv(csvRow(fields)), [fields]);
  });

  it('write FollowTheMoney JSON lines', async () => {
    const { text, rows } = await capture((out) => writePersonsFtm(out, persons(5, 300)));
    const lines = text.trimEnd().split('\n');
    assert.equal(rows, 300);
    assert.equal(lines.length, 300);
    for (const line of lines) {
      const e = JSON.parse(line) as {
        id: string;
        schema: string;
        properties: Record<string, string[]>;
        datasets: string[];
      };
      assert.equal(e.schema, 'Person');
      assert.deepEqual(e.datasets, ['lodestar-synth']);
      assert.equal(e.properties.name!.length, 1);
      for (const key of ['alias', 'weakAlias', 'previousName', 'birthDate', 'nationality', 'gender', 'topics']) {
        assert.ok(Array.isArray(e.properties[key]), `${e.id}: ${key}`);
      }
      for (const n of e.properties.nationality!) {
        assert.match(n, /^[a-z]{2}$/);
        assert.ok(findCountry(n) !== undefined);
      }
    }
  });

  it('write person, document and query CSV with their headers', async () => {
    const people = await capture((out) => writePersonsCsv(out, persons(5, 200)));
    const personRows = readCsv(people.text);
    assert.equal(personRows[0]!.join(','), personCsvHeader);
    assert.equal(personRows.length, 201);
    assert.ok(personRows.every((r) => r.length === 11));

    const docs = await capture((out) => writeDocumentsCsv(out, documents(5, 1000)));
    const docRows = readCsv(docs.text);
    assert.equal(docRows[0]!.join(','), documentCsvHeader);
    assert.equal(docRows.length, 1001);
    assert.ok(docRows.slice(1).every((r) => r.length === 7 && r[6]!.startsWith('synth-d-')));
    assert.equal(new Set(docRows.slice(1).map((r) => r[6])).size, 1000);

    const qs = await capture((out) => writeQueriesCsv(out, queries(5, 300, { personCount: 200 })));
    const queryRows = readCsv(qs.text);
    assert.equal(queryRows[0]!.join(','), queryCsvHeader);
    assert.equal(queryRows.length, 301);
    assert.ok(queryRows.slice(1).every((r) => r.length === 10));
  });

  it('wait for drain when the stream is full', async () => {
    let drains = 0;
    let written = 0;
    // A slow sink with a tiny buffer: every chunk fills it, so the writer must wait for 'drain'.
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        written += chunk.length;
        setImmediate(done);
      },
    });
    slow.on('drain', () => drains++);
    const rows = await writeDocumentsCsv(slow, documents(1, 30000));
    assert.equal(rows, 30000);
    assert.ok(drains >= 3, `drains ${drains}`);
    assert.ok(written > 1_000_000);
  });
});
