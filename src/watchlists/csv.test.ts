import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readCsv, type CsvRecord } from './csv.js';

async function all(chunks: string[]): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of readCsv(chunks)) out.push(r);
  return out;
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
    assert.equal(records[1]?.error, 'a quoted field is not closed before the end of the file (truncated?)');
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
});
