/**
 * A progress bar on standard error, drawn only when it is a terminal (so logs and pipes stay clean), redrawn at
 * most ten times a second.
 */
export interface Progress {
  update(done: number, note?: string): void;
  finish(): void;
}

function human(n: number, unit: 'bytes' | 'items'): string {
  if (unit === 'items')
    return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(1)}k` : String(n);
  return n >= 1 << 30
    ? `${(n / (1 << 30)).toFixed(2)} GiB`
    : n >= 1 << 20
      ? `${(n / (1 << 20)).toFixed(1)} MiB`
      : `${(n / 1024).toFixed(0)} KiB`;
}

/** A bar towards `total` (bytes or items); without a known total it shows the count and the rate. */
export function progressBar(
  label: string,
  total: number | undefined,
  unit: 'bytes' | 'items',
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (!stream.isTTY) return { update: () => undefined, finish: () => undefined };
  const started = performance.now();
  let last = 0;
  let lastDone = 0;
  const draw = (done: number, note = '') => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const width = Math.max(10, Math.min(40, (stream.columns || 80) - 60));
    let bar = '';
    if (total !== undefined && total > 0) {
      const fraction = Math.min(1, done / total);
      const filled = Math.round(fraction * width);
      bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% `;
    }
    stream.write(
      `\r${label} ${bar}${human(done, unit)} ${human(rate, unit)}/s ${note}`
        .slice(0, (stream.columns || 80) - 1)
        .padEnd(Math.min(79, (stream.columns || 80) - 1)),
    );
  };
  return {
    update(done, note) {
      lastDone = done;
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      draw(done, note);
    },
    finish() {
      draw(lastDone);
      stream.write('\n');
    },
  };
}
