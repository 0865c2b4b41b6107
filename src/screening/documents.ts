/**
 * Document numbers as they are keyed, scanned or read by OCR: spaces, dashes, slashes and MRZ fillers dropped,
 * upper case, and a folded form in which the letters OCR confuses with digits become those digits (O/Q/D→0,
 * I/L→1, Z→2, S→5, G→6, B→8), so "AB1O2345" and "A81023 45" meet.
 */

/** Already clean (the usual case: MRZ and API input): no normalisation needed. */
function isPlain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return false;
  }
  return true;
}

/** Upper-case letters and digits only. */
export function cleanDocumentNumber(raw: string): string {
  if (isPlain(raw)) return raw;
  return raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

const ocr: Record<string, string> = { O: '0', Q: '0', D: '0', I: '1', L: '1', Z: '2', S: '5', G: '6', B: '8' };

/** The OCR-folded form of a cleaned document number. */
export function foldDocumentNumber(clean: string): string {
  let out = '';
  for (const ch of clean) out += ocr[ch] ?? ch;
  return out;
}
