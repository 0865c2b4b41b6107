// The skeletons one edit away that blocking asks for: checked against the variants written out as strings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { forEachNearSkeleton, KnownSkeletons } from './near-skeletons.js';
import { hashString, SEED_SKELETON } from './token-table.js';

const CLASSES = 'BDFGHJKLMNPRSTZ'.split('');

/** Every string one edit from `s` over the classes, with no class twice in a row (what a skeleton can be). */
function variants(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < s.length; i++) {
    out.add(s.slice(0, i) + s.slice(i + 1));
    for (const c of CLASSES) out.add(s.slice(0, i) + c + s.slice(i + 1));
    if (i + 1 < s.length) out.add(s.slice(0, i) + s.charAt(i + 1) + s.charAt(i) + s.slice(i + 2));
  }
  for (let i = 0; i <= s.length; i++) for (const c of CLASSES) out.add(s.slice(0, i) + c + s.slice(i));
  out.delete(s);
  for (const v of out) if (v === '' || /(.)\1/.test(v)) out.delete(v);
  return out;
}

/** A skeleton: 2–8 classes, none twice in a row. */
const skeleton = fc
  .array(fc.constantFrom(...CLASSES), { minLength: 2, maxLength: 8 })
  .map((cs) => cs.filter((c, i) => i === 0 || c !== cs[i - 1]).join(''))
  .filter((s) => s.length >= 2);

function asked(skel: string, known: KnownSkeletons): Set<number> {
  const out = new Set<number>();
  forEachNearSkeleton(skel, known, (h) => out.add(h));
  return out;
}

describe('screening: skeletons one edit away', () => {
  it('asks for exactly the known skeletons one edit away', () => {
    fc.assert(
      fc.property(skeleton, fc.array(skeleton, { maxLength: 30 }), (skel, others) => {
        const near = variants(skel);
        const known = new KnownSkeletons();
        // The list: some of the variants, some other skeletons, and the word itself.
        const listed = [...[...near].filter((_, i) => i % 7 === 0), ...others, skel];
        for (const s of listed) known.add(hashString(s, SEED_SKELETON));
        const expected = new Set(listed.filter((s) => near.has(s)).map((s) => hashString(s, SEED_SKELETON)));
        assert.deepEqual(asked(skel, known), expected);
      }),
    );
  });

  it('asks for every variant when the list has them all', () => {
    const known = new KnownSkeletons();
    const near = variants('MSK');
    for (const s of near) known.add(hashString(s, SEED_SKELETON));
    assert.equal(asked('MSK', known).size, near.size);
    for (const s of ['MZK', 'MK', 'SMK', 'MSKR', 'MKS']) assert.ok(near.has(s), s);
  });

  it('asks for nothing for a word without consonants, a one-class word or an empty list', () => {
    const known = new KnownSkeletons();
    for (const s of ['~ai', 'M', '']) assert.equal(asked(s, known).size, 0);
    assert.equal(asked('MSK', known).size, 0);
  });

  it('grows and still holds what was added', () => {
    const known = new KnownSkeletons();
    for (let i = 0; i < 20_000; i++) known.add(hashString(`K${i}`, SEED_SKELETON));
    assert.equal(known.size, 20_000);
    for (let i = 0; i < 20_000; i += 997) assert.ok(known.has(hashString(`K${i}`, SEED_SKELETON)));
    assert.ok(!known.has(hashString('absent', SEED_SKELETON)));
  });
});
