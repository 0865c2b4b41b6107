/**
 * A progress bar on standard error, drawn only when it is a terminal (so logs and pipes stay clean), redrawn at
 * most ten times a second.
 */
export interface Progress {
  update(done: number, note?: string): void;
  finish(): void;
}

/** Progress counted in one unit (queries screened) through an input measured in another (a file's bytes). */
export interface CountedProgress {
  /** `count` done so far, `position` of the way through the total. */
  update(count: number, position: number, note?: string): void;
  finish(): void;
}

type Unit = 'bytes' | 'items';

function human(n: number, unit: Unit): string {
  if (unit === 'items')
    return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(1)}k` : String(n);
  return n >= 1 << 30
    ? `${(n / (1 << 30)).toFixed(2)} GiB`
    : n >= 1 << 20
      ? `${(n / (1 << 20)).toFixed(1)} MiB`
      : `${(n / 1024).toFixed(0)} KiB`;
}

/** A rate as a person reads it: items whole (one decimal below 10 a second, for slow ones such as files). */
function humanRate(perSecond: number, unit: Unit): string {
  if (unit === 'bytes') return human(perSecond, unit);
  return perSecond < 10 ? perSecond.toFixed(1) : human(Math.round(perSecond), unit);
}

function counted(label: string, total: number | undefined, unit: Unit, stream: NodeJS.WriteStream): CountedProgress {
  if (!stream.isTTY) return { update: () => undefined, finish: () => undefined };
  const started = performance.now();
  let last = 0;
  let lastCount = 0;
  let lastPosition = 0;
  const draw = (count: number, position: number, note: string) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? count / seconds : 0;
    const width = Math.max(10, Math.min(40, (stream.columns || 80) - 60));
    let bar = '';
    if (total !== undefined && total > 0) {
      const fraction = Math.min(1, Math.max(0, position / total));
      const filled = Math.round(fraction * width);
      bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% `;
    }
    stream.write(
      `\r${label} ${bar}${human(count, unit)} ${humanRate(rate, unit)}/s ${note}`
        .slice(0, (stream.columns || 80) - 1)
        .padEnd(Math.min(79, (stream.columns || 80) - 1)),
    );
  };
  return {
    update(count, position, note = '') {
      lastCount = count;
      lastPosition = position;
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      draw(count, position, note);
    },
    finish() {
      draw(lastCount, lastPosition, '');
      stream.write('\n');
    },
  };
}

/** A bar towards `total` (bytes or items); without a known total it shows the count and the rate. */
export function progressBar(
  label: string,
  total: number | undefined,
  unit: Unit,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  const progress = counted(label, total, unit, stream);
  return { update: (done, note) => progress.update(done, done, note), finish: () => progress.finish() };
}

/**
 * Items counted (queries screened) while reading an input of `total` bytes: the bar and its percentage say how far
 * through the input (`position`, the bytes read), the count and rate are of the items. Without a total (a pipe), only
 * the count and the rate.
 */
export function countedProgress(
  label: string,
  total: number | undefined,
  stream: NodeJS.WriteStream = process.stderr,
): CountedProgress {
  return counted(label, total, 'items', stream);
}
