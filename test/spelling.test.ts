/**
 * Specifications of reading a slip of the keyboard: a word that is no word at all is read as the known word one
 * slip away, while names, rare English words and other forms of known words are left as typed. Pure, on a tiny
 * lexicon written here.
 */
import { describe, expect, it } from 'vitest';
import { correctSpelling, type Lexicon } from '../src/text/spelling.js';

const lexicon: Lexicon = {
  own: new Set(['guild', 'tessel', 'pineau', 'datasets']),
  extra: new Set(['tldr']),
};
const fix = (text: string) => correctSpelling(text, lexicon);

describe('a slip of the keyboard', () => {
  it('two letters swapped are put back ("jion" → join)', () => {
    expect(fix('when did they jion')).toBe('when did they join');
  });

  it('a letter left out of a common word is put back', () => {
    expect(fix('when did it offically start')).toBe('when did it officially start');
  });

  it("a name of the knowledge base wins, and keeps the typed word's capitals", () => {
    expect(fix('what did Pinau say about the GIULD')).toBe('what did Pineau say about the GUILD');
  });

  it('a capitalised word no record is a slip of is a name, not an English word mistyped', () => {
    expect(fix('what did Huang say')).toBe('what did Huang say');
  });

  it('rare English words, other forms of known words and chat shorthand stay as typed', () => {
    expect(fix('the valuation of their dataset, tldr')).toBe('the valuation of their dataset, tldr');
  });

  it('the first letter is never changed and short words are left alone', () => {
    expect(fix('ramen for teh guild')).toBe('ramen for teh guild');
  });

  it('a word fixed once is fixed the same way again, and its capital still decides whether it is a name', () => {
    expect(fix('who said hwat')).toBe('who said what');
    expect(fix('who said Hwat')).toBe('who said Hwat');
    expect(fix('who said hwat')).toBe('who said what');
  });

  it('the fix of a word belongs to the lexicon it was worked out with', () => {
    const other: Lexicon = { own: new Set(['pinot']), extra: new Set() };
    expect(fix('Pinau said')).toBe('Pineau said');
    expect(correctSpelling('Pinau said', other)).toBe('Pinau said');
  });

  it('accents are no slip', () => {
    expect(fix('what did Joëlle say')).toBe('what did Joëlle say');
  });
});
