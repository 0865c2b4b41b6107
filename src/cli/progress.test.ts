import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { countedProgress, progressBar } from './progress.js';

/** A terminal of `columns` that keeps what is drawn on it; `isTTY: false` for a pipe. */
function terminal(isTTY = true, columns = 120): { stream: NodeJS.WriteStream; lines: () => string[] } {
  let text = '';
  const stream = {
    isTTY,
    columns,
    write: (chunk: string) => {
      text += chunk;
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  // Each redraw starts with a carriage return; the finishing newline ends the last.
  return { stream, lines: () => text.split(/[\r\n]/).filter((l) => l.trim() !== '') };
}

describe('progress on a terminal', () => {
  it('shows a count without a total with its rate rounded, not as a raw float', async () => {
    const { stream, lines } = terminal();
    const bar = progressBar('screening', undefined, 'items', stream);
    await sleep(150);
    bar.update(1234);
    bar.finish();
    for (const line of lines()) assert.match(line.trimEnd(), /^screening 1234 \d+(\.\d)?\/s$/);
  });

  it('shows a slow rate with one decimal, and thousands as k', async () => {
    const { stream, lines } = terminal();
    const slow = progressBar('ingesting', 10, 'items', stream);
    await sleep(250);
    slow.update(1);
    assert.match(lines().at(-1) ?? '', /^ingesting \[#{4}\.{36}\] {2}10% 1 \d\.\d\/s/);

    const fast = terminal();
    const many = progressBar('screening', undefined, 'items', fast.stream);
    await sleep(120);
    many.update(123_456);
    assert.match(fast.lines().at(-1) ?? '', /^screening 123\.5k \d+(\.\d+)?[kM]?\/s/);
  });

  it('draws a bar with its percentage from the bytes read of a file, beside the count of queries and their rate', async () => {
    const { stream, lines } = terminal();
    const bar = countedProgress('screening', 4000, stream);
    await sleep(120);
    bar.update(250, 1000);
    bar.finish();
    const drawn = lines();
    assert.equal(drawn.length, 2);
    for (const line of drawn)
      assert.match(line.trimEnd(), /^screening \[#{10}\.{30}\] {2}25% 250 \d+(\.\d)?\/s$/, 'a quarter of the bytes');
  });

  it('keeps the bar of a byte count as it was (watchlist import)', async () => {
    const { stream, lines } = terminal();
    const bar = progressBar('importing f.csv', 2 << 20, 'bytes', stream);
    await sleep(120);
    bar.update(1 << 20);
    assert.match(lines().at(-1) ?? '', /^importing f\.csv \[#{20}\.{20}\] {2}50% 1\.0 MiB [\d.]+ (KiB|MiB)\/s/);
  });

  it('draws nothing when standard error is not a terminal', () => {
    const { stream, lines } = terminal(false);
    const bar = countedProgress('screening', 100, stream);
    bar.update(1, 50);
    bar.finish();
    assert.deepEqual(lines(), []);
  });
});
