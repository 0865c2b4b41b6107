/**
 * Accuracy of the screening engine on the shared development set (/work/shared/eval, see its README): recall@1
 * and recall@10 by script, mode, variant kind, script × mode and fold, recall at the default threshold, false
 * alerts per 1,000 negatives, a threshold sweep, and the time taken. The data names real people: it is read from ../shared/eval and never
 * copied into the project. Run: node --import tsx bench/eval-screening.ts [--engine JSON] [--misses FILE]
 *  --engine   engine options for an experiment (EngineOptions as JSON, e.g. '{"candidates":64}'): printed with the
 *             results and written into the JSON, so a result is never mistaken for the default engine's;
 *  --misses   writes, one line each, the positives not in the top 10 or below the threshold and the false alerts,
 *             with the names on the list they were screened against. It names real people: give a path outside the
 *             repository (it is not written otherwise).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  DEFAULT_THRESHOLD,
  MATCHER_NAME,
  MATCHER_VERSION,
  ScreeningEngine,
  type EngineOptions,
} from '../src/screening/engine.js';
import type { PersonQuery, PersonRecord } from '../src/screening/types.js';
import { prepareName, TOKEN_PARTICLE, TOKEN_TITLE } from '../src/screening/tokens.js';
import { toPersonRecord } from '../src/screening/watchlist-index.js';
import { RowError, type PersonEntry } from '../src/watchlists/entries.js';
import { parseFtmLine } from '../src/watchlists/formats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const evalDir = process.env.LODESTAR_EVAL_DIR ?? path.resolve(root, '../shared/eval');
const { values: flags } = parseArgs({ options: { engine: { type: 'string' }, misses: { type: 'string' } } });
const engineOptions = parseEngineOptions(flags.engine);
const missesFile = flags.misses === undefined ? undefined : path.resolve(flags.misses);
if (missesFile !== undefined && !path.relative(root, missesFile).startsWith('..')) {
  throw new Error(`--misses ${flags.misses}: the file names real people; write it outside the repository`);
}

function parseEngineOptions(json: string | undefined): EngineOptions {
  if (json === undefined) return {};
  const known = ['maxPostings', 'walkBudget', 'nearFrequency', 'candidates', 'blockingCandidates', 'bound'];
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`--engine: expected a JSON object, got ${json}`);
  }
  for (const [k, v] of Object.entries(parsed)) {
    if (!known.includes(k)) throw new Error(`--engine: unknown option ${k} (known: ${known.join(', ')})`);
    if (typeof v !== (k === 'bound' ? 'boolean' : 'number'))
      throw new Error(`--engine: ${k} must be a ${k === 'bound' ? 'boolean' : 'number'}`);
  }
  return parsed;
}

/** One line of the --misses file: the fields tab-separated (tabs and line breaks in them made spaces). */
function missLine(fields: readonly (string | number)[]): string {
  return fields.map((f) => String(f).replace(/[\t\n]/g, ' ')).join('\t');
}

function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  if (header === undefined) return [];
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/**
 * The watchlist as Lodestar imports it: each line through the importer's FollowTheMoney parser (name cleaning,
 * aliases, dates, nationalities, document numbers) and the index's record mapping — what a user who runs
 * `lodestar watchlist import` gets. Rows the importer rejects are counted and reported.
 */
function loadWatchlist(file: string): PersonRecord[] {
  const out: PersonRecord[] = [];
  let rejected = 0;
  for (const line of readFileSync(path.join(evalDir, file), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let parsed: ReturnType<typeof parseFtmLine>;
    try {
      parsed = parseFtmLine(line, []);
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      rejected++;
      continue;
    }
    if (parsed.kind !== 'person') continue;
    const entry: PersonEntry = {
      ...parsed,
      key: out.length,
      listId: 'eval',
      ownerCountry: 'XXX',
      updatedAt: new Date(0),
    };
    out.push(toPersonRecord(entry, out.length));
  }
  if (rejected > 0) console.error(`${file}: the importer rejected ${rejected} rows`);
  return out;
}

function toQuery(r: Record<string, string>): PersonQuery {
  return {
    names: [r.name ?? ''],
    birthDate: r.birthDate || undefined,
    nationality: r.nationality || undefined,
    gender: r.gender || undefined,
    documents: r.documentNumber ? [{ number: r.documentNumber, country: r.documentCountry || undefined }] : undefined,
  };
}

interface Tally {
  n: number;
  at1: number;
  at10: number;
  atThreshold: number;
}
const add = (m: Map<string, Tally>, k: string): Tally => {
  let t = m.get(k);
  if (t === undefined) m.set(k, (t = { n: 0, at1: 0, at10: 0, atThreshold: 0 }));
  return t;
};

/** The skeletons of the identifying tokens (not particles or titles) of every name of each entity. */
function entityTokens(records: readonly PersonRecord[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of records) {
    const set = out.get(r.entityId) ?? new Set<string>();
    for (const n of r.names) for (const skel of identifyingSkeletons(n)) set.add(skel);
    out.set(r.entityId, set);
  }
  return out;
}

function identifyingSkeletons(name: string): string[] {
  return prepareName(name)
    .filter((t) => (t.flags & (TOKEN_PARTICLE | TOKEN_TITLE)) === 0 && t.skel.length > 0)
    .map((t) => t.skel);
}

/** Whether a query name shares a token (by consonant skeleton) with a name left for any expected entity. */
function sharesToken(name: string, expected: ReadonlySet<string>, tokensOf: Map<string, Set<string>>): boolean {
  const skels = identifyingSkeletons(name);
  for (const id of expected) {
    const theirs = tokensOf.get(id);
    if (theirs !== undefined && skels.some((s) => theirs.has(s))) return true;
  }
  return false;
}

/** The accuracy targets against what was measured, with the share of queries no name token can find. */
function targetRows(
  cells: Map<string, Tally>,
  unreachable: Map<string, number>,
  all: Tally,
  alerts: number,
  negatives: number,
  threshold: number,
): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  const recall = (cell: string, target: number): void => {
    const t = cells.get(cell);
    if (t === undefined) return;
    const value = t.at10 / t.n;
    rows.push({
      measure: `recall@10 ${cell}`,
      value: value.toFixed(3),
      target: `>= ${target}`,
      met: value >= target ? 'yes' : 'NO',
      'share no name token with the entity': ((unreachable.get(cell) ?? 0) / t.n).toFixed(3),
    });
  };
  recall('LATIN × name_only', 0.92);
  recall('ARABIC × name_only', 0.85);
  recall('LATIN × name_dob', 0.95);
  recall('ARABIC × name_dob', 0.9);
  const found = all.atThreshold / all.n;
  const perThousand = (1000 * alerts) / negatives;
  rows.push({
    measure: `positives found at the default threshold ${threshold}`,
    value: found.toFixed(3),
    target: '>= 0.8',
    met: found >= 0.8 ? 'yes' : 'NO',
    'share no name token with the entity': '',
  });
  rows.push({
    measure: `false alerts per 1,000 negatives at ${threshold}`,
    value: perThousand.toFixed(2),
    target: '<= 1',
    met: perThousand <= 1 ? 'yes' : 'NO',
    'share no name token with the entity': '',
  });
  return rows;
}

function buildEngine(records: PersonRecord[]): { engine: ScreeningEngine; ms: number } {
  const t0 = performance.now();
  const engine = new ScreeningEngine({ expectedPersons: records.length, ...engineOptions });
  for (const r of records) engine.add(r);
  return { engine, ms: performance.now() - t0 };
}

function main(): void {
  if (!existsSync(path.join(evalDir, 'queries_fold1.csv'))) {
    console.log(`evaluation skipped: ${evalDir} is missing`);
    return;
  }
  const started = performance.now();
  const misses: string[] = [
    missLine([
      'kind',
      'id',
      'script',
      'mode',
      'variant',
      'shares a word',
      'rank',
      'score',
      'top score',
      'query',
      'names listed',
    ]),
  ];
  /** The names of the list's entries with these ids, joined by " ; " (read once per list, for --misses). */
  const namesOf = (records: readonly PersonRecord[]): ((ids: Iterable<string>) => string) => {
    const byId = new Map<string, readonly string[]>();
    if (missesFile !== undefined)
      for (const r of records) byId.set(r.entityId, [...(byId.get(r.entityId) ?? []), ...r.names]);
    return (ids) => [...ids].flatMap((id) => byId.get(id) ?? []).join(' ; ');
  };
  const threshold = DEFAULT_THRESHOLD;
  const byScript = new Map<string, Tally>();
  const byMode = new Map<string, Tally>();
  const byKind = new Map<string, Tally>();
  const byScriptMode = new Map<string, Tally>();
  const byFold = new Map<string, Tally>();
  const all: Tally = { n: 0, at1: 0, at10: 0, atThreshold: 0 };
  const positiveBest: number[] = [];
  let screenMs = 0;
  let screened = 0;
  const buildMs: number[] = [];
  /** Per script × mode: queries whose name shares no token with any name left for their entity. */
  const unreachable = new Map<string, number>();
  for (const fold of [1, 2]) {
    const records = loadWatchlist(`watchlist_fold${fold}.ftm.jsonl`);
    const { engine, ms } = buildEngine(records);
    const tokensOf = entityTokens(records);
    const listedNames = namesOf(records);
    buildMs.push(ms);
    const queries = parseCsv(readFileSync(path.join(evalDir, `queries_fold${fold}.csv`), 'utf8'));
    const t0 = performance.now();
    for (const row of queries) {
      const expected = new Set((row.expected_ids ?? '').split('|'));
      const res = engine.screenPerson(toQuery(row), { limit: 10, threshold });
      const rank = res.hits.findIndex((h) => expected.has(h.entityId));
      const best = res.hits.filter((h) => expected.has(h.entityId)).reduce((m, h) => Math.max(m, h.score), 0);
      positiveBest.push(best);
      const cell = `${row.script ?? '?'} × ${row.mode ?? '?'}`;
      const shares = sharesToken(row.name ?? '', expected, tokensOf);
      if (!shares) unreachable.set(cell, (unreachable.get(cell) ?? 0) + 1);
      if (missesFile !== undefined && (rank < 0 || best < threshold)) {
        misses.push(
          missLine([
            rank < 0 ? 'not in top 10' : 'below threshold',
            row.id ?? '',
            row.script ?? '',
            row.mode ?? '',
            row.variant_kind ?? '',
            shares ? 'yes' : 'no',
            rank < 0 ? '-' : rank + 1,
            rank < 0 ? '-' : best,
            res.hits[0]?.score ?? '-',
            row.name ?? '',
            listedNames(expected),
          ]),
        );
      }
      for (const t of [
        add(byScript, row.script ?? '?'),
        add(byMode, row.mode ?? '?'),
        add(byKind, row.variant_kind ?? '?'),
        add(byScriptMode, cell),
        add(byFold, `fold ${fold}`),
        all,
      ]) {
        t.n++;
        if (rank === 0) t.at1++;
        if (rank >= 0 && rank < 10) t.at10++;
        if (best >= threshold) t.atThreshold++;
      }
    }
    screenMs += performance.now() - t0;
    screened += queries.length;
  }

  const fullRecords = loadWatchlist('watchlist_full.ftm.jsonl');
  const { engine: full } = buildEngine(fullRecords);
  const fullNames = namesOf(fullRecords);
  const negatives = parseCsv(readFileSync(path.join(evalDir, 'negatives.csv'), 'utf8'));
  const negByScript = new Map<string, { n: number; alerts: number }>();
  const negByMode = new Map<string, { n: number; alerts: number }>();
  const negativeTop: number[] = [];
  const negativeScores: number[] = [];
  const t1 = performance.now();
  let alerts = 0;
  for (const row of negatives) {
    const res = full.screenPerson(toQuery(row), { limit: 10, threshold });
    const n = res.hits.filter((h) => h.score >= threshold).length;
    if (missesFile !== undefined) {
      for (const h of res.hits) {
        if (h.score < threshold) continue;
        const listed = fullNames([h.entityId]);
        const top = res.hits[0]!.score;
        const fields = [row.id ?? '', row.script ?? '', row.mode ?? '', row.variant_kind ?? '', '-', '-', h.score, top];
        misses.push(missLine(['false alert', ...fields, row.name ?? '', listed]));
      }
    }
    for (const h of res.hits) negativeScores.push(h.score);
    negativeTop.push(res.hits[0]?.score ?? 0);
    alerts += n;
    for (const [m, k] of [
      [negByScript, row.script ?? '?'],
      [negByMode, row.mode ?? '?'],
    ] as const) {
      const t = m.get(k) ?? { n: 0, alerts: 0 };
      t.n++;
      t.alerts += n;
      m.set(k, t);
    }
  }
  screenMs += performance.now() - t1;
  screened += negatives.length;

  const pct = (x: number, n: number): string => (n === 0 ? '-' : (x / n).toFixed(3));
  const table = (title: string, m: Map<string, Tally>): Record<string, unknown>[] => {
    console.log(`\n${title}`);
    const rows = [...m.entries()]
      .sort((a, b) => b[1].n - a[1].n)
      .map(([k, t]) => ({
        [title]: k,
        n: t.n,
        'recall@1': pct(t.at1, t.n),
        'recall@10': pct(t.at10, t.n),
        [`recall@${threshold}`]: pct(t.atThreshold, t.n),
      }));
    console.table(rows);
    return rows;
  };
  console.log(`matcher ${MATCHER_NAME} ${MATCHER_VERSION}, default threshold ${threshold}`);
  const scriptRows = table('script', byScript);
  const modeRows = table('mode', byMode);
  const kindRows = table('variant_kind', byKind);
  const scriptModeRows = table('script × mode', byScriptMode);
  const foldRows = table('fold', byFold);
  console.log(
    `\nall positives: n=${all.n} recall@1=${pct(all.at1, all.n)} recall@10=${pct(all.at10, all.n)} recall@threshold=${pct(all.atThreshold, all.n)}`,
  );

  const negRows = (title: string, m: Map<string, { n: number; alerts: number }>): Record<string, unknown>[] => {
    console.log(`\nfalse alerts per 1,000 negatives by ${title}`);
    const rows = [...m.entries()]
      .sort((a, b) => b[1].n - a[1].n)
      .map(([k, t]) => ({ [title]: k, n: t.n, alerts: t.alerts, 'per 1000': ((1000 * t.alerts) / t.n).toFixed(2) }));
    console.table(rows);
    return rows;
  };
  const negScript = negRows('script', negByScript);
  const negMode = negRows('mode', negByMode);
  console.log(
    `\nall negatives: n=${negatives.length} alerts=${alerts} per 1000=${((1000 * alerts) / negatives.length).toFixed(2)}`,
  );

  console.log('\nthreshold sweep (positives found at threshold; false alerts per 1,000 negatives)');
  const sweep = [0.5, 0.55, 0.6, 0.62, 0.65, 0.68, 0.7, 0.72, 0.75, 0.78, 0.8, 0.82, 0.85, 0.88, 0.9].map((t) => ({
    threshold: t,
    recall: pct(positiveBest.filter((s) => s >= t).length, positiveBest.length),
    'fa/1000': ((1000 * negativeScores.filter((s) => s >= t).length) / negatives.length).toFixed(2),
  }));
  console.table(sweep);
  const targets = targetRows(byScriptMode, unreachable, all, alerts, negatives.length, threshold);
  console.log(
    '\ntargets (issue #4; both folds pooled; "names alone" = mode name_only, "with a birth date" = name_dob)',
  );
  console.table(targets);
  const elapsed = (performance.now() - started) / 1000;
  const qps = screened / (screenMs / 1000);
  console.log(
    `\nbuild ${buildMs.map((m) => m.toFixed(0)).join(' / ')} ms; ${screened} screenings in ${(screenMs / 1000).toFixed(1)} s (${qps.toFixed(0)}/s, one core, with explanations); total ${elapsed.toFixed(1)} s`,
  );

  if (missesFile !== undefined) {
    writeFileSync(missesFile, misses.join('\n') + '\n');
    console.log(`misses and false alerts: ${misses.length - 1} lines in ${missesFile}`);
  }
  if (Object.keys(engineOptions).length > 0)
    console.log(`engine options (not the default): ${JSON.stringify(engineOptions)}`);
  const outDir = path.join(root, 'bench/results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    path.join(outDir, 'eval-screening.json'),
    JSON.stringify(
      {
        matcher: MATCHER_NAME,
        version: MATCHER_VERSION,
        threshold,
        engineOptions,
        positives: {
          all,
          byScript: scriptRows,
          byMode: modeRows,
          byKind: kindRows,
          byScriptMode: scriptModeRows,
          byFold: foldRows,
        },
        negatives: { n: negatives.length, alerts, byScript: negScript, byMode: negMode },
        sweep,
        targets,
        seconds: elapsed,
        screeningsPerSecond: qps,
      },
      null,
      2,
    ),
  );
}

main();
