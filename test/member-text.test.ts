import { describe, expect, it } from 'vitest';
import { memberTextProblems } from './support/member-text.js';

describe('memberTextProblems, the check every reply goes through', () => {
  it('passes a clean reply', () => {
    const text = [
      '**AI Alliance — Overview**',
      'IBM and Meta launched the AI Alliance on December 5, 2023.',
      '• TechCrunch reported on December 4, 2023 that Google was not a member.',
      '• [Meta and IBM form an AI Alliance](https://techcrunch.com/2023/12/04/pub-x-seed-1/) — TechCrunch',
      '…and 3 more — ask me about them with /ask',
    ].join('\n');
    expect(memberTextProblems(text, { ids: new Set(['ai-alliance']) })).toEqual([]);
  });

  it('names a bullet left with nothing after it', () => {
    expect(memberTextProblems('Pixel is an open image model.\n•')).toEqual([
      'a bullet with nothing after it',
    ]);
    expect(memberTextProblems('Pixel is an open image model.\n• It was made in 2022.')).toEqual([]);
  });

  it('names internal ids and editors’ phrases', () => {
    expect(
      memberTextProblems('According to seed-001, Meta will open its models. See ai-alliance.', {
        ids: new Set(['ai-alliance']),
      }),
    ).toEqual(['internal id "seed-001"', 'internal id "ai-alliance"']);
    expect(
      memberTextProblems('The count is 50; answers should use it. The NYT original has not been checked.'),
    ).toEqual([`editors' phrase "answers should"`, `editors' phrase "has not been checked"`]);
  });

  it('allows a note on machine translation only when the member typed the garbled spelling', () => {
    const note = 'A machine-translated copy of the article garbles the name as “Cohear”.';
    expect(memberTextProblems(note)).toHaveLength(2);
    expect(memberTextProblems(note, { garbled: true })).toEqual([]);
  });

  it('catches a sentence said twice, even across lines and markdown', () => {
    const text = 'Meta co-founded the AI Alliance with IBM.\n• **Meta** co-founded the AI Alliance with IBM.';
    expect(memberTextProblems(text)).toEqual([
      'sentence said twice: "**Meta** co-founded the AI Alliance with IBM."',
    ]);
    expect(memberTextProblems('Launched.\nLaunched.')).toEqual([]);
  });

  it('catches a word cut in half and a name repeated right after itself', () => {
    expect(memberTextProblems('• Hebrew University, Abdus…')).toEqual(['word cut: "Abdus…"']);
    expect(memberTextProblems('The list goes on …')).toEqual([]);
    expect(memberTextProblems('Cohere — Cohere is an enterprise AI company.')).toEqual([
      'name said twice in a row: "Cohere — Cohere is an enterprise AI company."',
    ]);
    expect(memberTextProblems('• **Meta** — Meta Platforms is its legal name.')).toHaveLength(1);
    expect(memberTextProblems('• **Meta** — co-founder, launched December 5, 2023')).toEqual([]);
  });

  it('checks a length budget when one is given', () => {
    expect(memberTextProblems('x'.repeat(701), { maxChars: 700 })).toEqual([
      '701 characters, over the budget of 700',
    ]);
    expect(memberTextProblems('x'.repeat(700), { maxChars: 700 })).toEqual([]);
  });
});
