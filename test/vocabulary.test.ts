/**
 * Specifications of the word table: the words members type meet the words the records use, through idioms read
 * in the question and synonym groups a statement is covered by. Pure data checks, no corpus.
 */
import { describe, expect, it } from 'vitest';
import { readQuestion } from '../src/answer/question.js';
import { SYNONYMS } from '../src/text/vocabulary.js';

const meets = (asked: string, recorded: string) => (SYNONYMS.get(asked) ?? [asked]).includes(recorded);

describe('words members type for the words records use', () => {
  it('reads fronting something as presenting it', () => {
    expect(meets('fronted', 'presented')).toBe(true);
  });

  it('reads plugging something as pointing to it', () => {
    expect(meets('plugged', 'points')).toBe(true);
  });

  it('reads yearly as annual and a budget as funding', () => {
    expect(meets('yearly', 'annual')).toBe(true);
    expect(meets('budget', 'funding')).toBe(true);
  });

  it('reads combined as taken together', () => {
    expect(meets('combined', 'together')).toBe(true);
  });

  it('keeps a budget apart from what was raised from investors', () => {
    expect(meets('budget', 'investors')).toBe(false);
  });
});

describe('idioms', () => {
  it('reads "add up to" as a total', () => {
    expect(readQuestion('what do their budgets add up to').norm).toBe('what do their budgets total');
  });

  it('reads "brand new" as new', () => {
    expect(readQuestion('its brand new institute').norm).toBe('its new institute');
  });
});
