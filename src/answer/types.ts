import type { RecordKind } from '../knowledge/schema.js';

/** The record an answer is about: what front ends title and link an answer with. */
export interface Subject {
  id: string;
  name: string;
  kind: RecordKind;
}

/**
 * A source cited by an answer, read by front ends to list and link it. `url` is null when the source has no web
 * address (e.g. a repository path).
 */
export interface AnswerSource {
  id: string;
  title: string;
  url: string | null;
}

/** A record the user may have meant: front ends offer it as a choice when an answer is unsure or refused. */
export interface Suggestion {
  id: string;
  name: string;
}

/**
 * What `answer()` returns: plain text plus everything a front end needs to present and cite it. Built by the
 * composer and the refusals, merged part by part, read by the bot, the CLI and the eval scorer.
 */
export interface Answer {
  answered: boolean;
  /** Plain text, at most 1500 characters, direct answer first. */
  answer: string;
  /** 0..1; below 0.6 front ends should offer the suggestions. */
  confidence: number;
  subject: Subject | null;
  sources: AnswerSource[];
  suggestions: Suggestion[];
}
