import { describe, expect, it } from 'vitest';
import {
  FEEDBACK_OFF,
  feedbackRow,
  parseVoteId,
  VOTE_NOT_RECORDED,
  voteId,
  voteThanks,
} from '../src/present/feedback-buttons.js';
import { missesPage, PAGE_SIZE, parsePageId } from '../src/present/misses-page.js';
import { NOW_ANSWERED_SHOWN, nowAnsweredField } from '../src/present/reload-report.js';
import { outcomeOf } from '../src/storage/feedback-log.js';
import type { MissGroup } from '../src/storage/misses.js';
import { FormErrors, validateMessage } from './support/discord-limits.js';
import { memberTextProblems } from './support/member-text.js';

const group = (i: number, question = `question number ${i}`): MissGroup => ({
  normalized: question.toLowerCase(),
  question,
  asked: 3,
  refused: 2,
  unsure: 0,
  down: 1,
  up: 0,
  lastAt: Date.UTC(2026, 5, 1),
  subjectId: i % 2 ? 'org-example' : null,
  lastOutcome: 'refused',
});

function discordErrors(payload: unknown): FormErrors {
  const errors = new FormErrors();
  validateMessage(errors, [], payload);
  return errors;
}

describe('vote buttons', () => {
  it('carry the vote and the ask id in a custom id that reads back, and reject anything else', () => {
    expect(parseVoteId(voteId('down', 'AbC_-123'))).toEqual({ vote: 'down', askId: 'AbC_-123' });
    for (const bad of [
      'feedback:sideways:abc',
      'feedback:up:',
      'feedback:up:a b',
      'ask:up:abc',
      'feedback:prompt',
    ])
      expect(parseVoteId(bad), bad).toBeUndefined();
  });

  it('thank the voter in words members read clean', () => {
    for (const text of [
      voteThanks('up'),
      voteThanks('down'),
      FEEDBACK_OFF,
      VOTE_NOT_RECORDED,
      'Was this helpful?',
    ])
      expect(memberTextProblems(text), text).toEqual([]);
  });

  it('fit Discord’s component rules', () => {
    const errors = discordErrors({
      content: 'x',
      components: [feedbackRow('a'.repeat(64))],
      allowed_mentions: {},
    });
    expect(errors.tree).toEqual({});
  });
});

describe('outcomes', () => {
  it('file a refusal, an answer below the "Did you mean…?" threshold and a confident answer apart', () => {
    expect(outcomeOf({ answered: false, confidence: 0.9, subject: null })).toBe('refused');
    expect(outcomeOf({ answered: true, confidence: 0.59, subject: null })).toBe('unsure');
    expect(outcomeOf({ answered: true, confidence: 0.6, subject: null })).toBe('answered');
  });
});

describe('the /misses page', () => {
  it('stays within Discord’s limits with the longest questions, and pages by ten', () => {
    const groups = Array.from({ length: 25 }, (_, i) =>
      group(i, `${'a very long question '.repeat(30)}${i}`),
    );
    const page = missesPage({ groups, days: 14, page: 2, nameOf: () => 'N'.repeat(300) });
    expect(discordErrors({ ...page, allowed_mentions: {} }).tree).toEqual({});
    expect(page.embeds[0]?.footer?.text).toMatch(/^Page 3 of 3 · 25 questions/);
    expect(page.embeds[0]?.description?.split('\n')).toHaveLength(25 - 2 * PAGE_SIZE);
    const [prev, next] = page.components[0]?.components ?? [];
    expect(prev).toMatchObject({ custom_id: 'misses:page:14:1:prev', disabled: false });
    expect(next).toMatchObject({ disabled: true });
  });

  it('escapes what members typed so it can’t format or mention', () => {
    const page = missesPage({
      groups: [group(1, '**bold** <@123456789012345678> @everyone')],
      days: 7,
      page: 0,
      nameOf: (id) => id,
    });
    expect(page.embeds[0]?.description).toContain('\\*\\*bold\\*\\*');
    expect(page.embeds[0]?.description).not.toContain('<@123456789012345678>');
    expect(page.embeds[0]?.description).not.toMatch(/@everyone/);
  });

  it('reads page buttons back and rejects anything else', () => {
    expect(parsePageId('misses:page:30:4:next')).toEqual({ days: 30, page: 4 });
    expect(parsePageId('misses:page:30:x:next')).toBeUndefined();
    expect(parsePageId('misses:page:30:1')).toBeUndefined();
  });
});

describe('the reload report’s "Now answered"', () => {
  it(`lists at most ${NOW_ANSWERED_SHOWN} questions and counts the rest`, () => {
    const answered = Array.from({ length: 8 }, (_, i) => ({ question: `q${i}?`, subject: `S${i}` }));
    const field = nowAnsweredField({ state: 'checked', checked: 9, days: 14, answered });
    expect(field.name).toBe('Now answered: 8 of 9 distinct misses of the last 14 days');
    expect(field.value.split('\n')).toEqual([
      ...answered.slice(0, NOW_ANSWERED_SHOWN).map((a) => `> ${a.question} → **${a.subject}**`),
      '…and 3 more',
    ]);
  });

  it('says when there was nothing to check', () => {
    expect(nowAnsweredField({ state: 'checked', checked: 0, days: 14, answered: [] }).value).toBe(
      'No misses in the last 14 days to check.',
    );
  });
});
