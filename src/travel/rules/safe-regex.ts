/**
 * Patterns for the `matches` operator. Rules come from users through the API and run over millions of travellers,
 * so a pattern must not be able to backtrack catastrophically (ReDoS). Rather than trust an engine limit, the
 * pattern is restricted to a shape that cannot: no back-references or look-arounds, no quantified group that itself
 * contains a quantifier or an alternation (`(a+)+`, `(a|aa)*`), at most two variable-length repetitions (`a*a*a*b`
 * backtracks polynomially), bounded repetitions of at most 100, a length limit;
 * and every subject is cut to its first 256 characters before it is tested.
 */

/** Limits of a `matches` pattern. */
export const patternLimits = { maxLength: 200, maxRepeat: 100, maxVariableRepeats: 2, subjectLength: 256 } as const;

interface Group {
  quantified: boolean;
  alternation: boolean;
}

// Rules compile their patterns with the `u` flag, under which `{n}`, `{n,}` and `{n,m}` (any number of digits) are
// quantifiers and any other unescaped brace is a syntax error. Reading every digit (not a fixed few) is what keeps the
// scanner and the engine in agreement: `{1,99999}` must be seen as the repetition it is.
const bracePattern = /\{(\d+)(,(\d*))?\}/y;

function readBrace(pattern: string, at: number): { end: number; min: number; max: number } | undefined {
  bracePattern.lastIndex = at;
  const m = bracePattern.exec(pattern);
  if (m === null) return undefined;
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
  return { end: at + m[0].length, min, max: Math.max(min, max) };
}

/** Why a pattern is refused, or undefined when it is safe to compile and run. */
export function unsafePatternReason(pattern: string): string | undefined {
  if (pattern.length === 0) return 'an empty pattern matches everything';
  if (pattern.length > patternLimits.maxLength) return `longer than ${patternLimits.maxLength} characters`;
  if (/\\[1-9]|\\k</.test(pattern)) return 'back-references are not allowed';
  if (/\(\?<?[=!]/.test(pattern)) return 'look-arounds are not allowed';
  const stack: Group[] = [{ quantified: false, alternation: false }];
  let lastGroup: Group | undefined;
  // `a*a*a*…b` backtracks polynomially, to a degree of the number of variable repetitions: allow only a few.
  let variable = 0;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    const top = stack[stack.length - 1]!;
    let quantifier = false;
    let next = i + 1;
    if (c === '\\') {
      // `\p{…}`, `\P{…}` and `\u{…}` are one atom: their braces are not a repetition.
      if ('pPu'.includes(pattern[i + 1] ?? '') && pattern[i + 2] === '{') {
        next = pattern.indexOf('}', i) + 1;
        if (next === 0) return 'unterminated escape';
      } else next = i + 2;
    } else if (c === '[') {
      // A class is one atom: skip to its unescaped closing bracket.
      let j = i + 1;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      next = j + 1;
    } else if (c === '(') {
      stack.push({ quantified: false, alternation: false });
      if (pattern[i + 1] === '?') next = pattern[i + 2] === '<' ? pattern.indexOf('>', i) + 1 : i + 3;
      if (next <= i) return 'unterminated group name';
    } else if (c === ')') {
      if (stack.length === 1) return 'unbalanced parenthesis';
      lastGroup = stack.pop();
      // What a group holds, its enclosing groups hold too: `((a|aa))+` repeats an alternation as `(a|aa)+` does.
      const parent = stack[stack.length - 1]!;
      parent.quantified ||= lastGroup!.quantified;
      parent.alternation ||= lastGroup!.alternation;
    } else if (c === '|') top.alternation = true;
    else if (c === '*' || c === '+') {
      quantifier = true;
      variable++;
    } else if (c === '?') quantifier = true;
    else if (c === '{') {
      const brace = readBrace(pattern, i);
      // Anything else the engine refuses anyway; refusing it here too means no brace goes unchecked.
      if (brace === undefined) return 'a brace must be a repetition such as {2,5}; write \\{ for the character';
      if (brace.max > patternLimits.maxRepeat) return `repetition above ${patternLimits.maxRepeat}`;
      quantifier = true;
      if (brace.max > brace.min) variable++;
      next = brace.end;
    } else if (c === '}') return 'a brace must be a repetition such as {2,5}; write \\} for the character';
    if (quantifier) {
      if (pattern[i - 1] === ')' && lastGroup !== undefined && (lastGroup.quantified || lastGroup.alternation)) {
        return 'a repeated group may not contain a repetition or an alternation';
      }
      top.quantified = true;
      if (pattern[next] === '?') next++; // lazy modifier, not another quantifier
    }
    if (c !== ')') lastGroup = quantifier ? lastGroup : undefined;
    i = next;
  }
  if (stack.length !== 1) return 'unbalanced parenthesis';
  if (variable > patternLimits.maxVariableRepeats) {
    return `more than ${patternLimits.maxVariableRepeats} variable-length repetitions`;
  }
  try {
    new RegExp(pattern, 'iu');
  } catch (error) {
    return `not a valid pattern (${(error as Error).message})`;
  }
  return undefined;
}

/** Compiles a pattern already accepted by `unsafePatternReason`: case-insensitive, Unicode. */
export function compilePattern(pattern: string): (subject: string) => boolean {
  const re = new RegExp(pattern, 'iu');
  return (subject) =>
    re.test(subject.length > patternLimits.subjectLength ? subject.slice(0, patternLimits.subjectLength) : subject);
}
