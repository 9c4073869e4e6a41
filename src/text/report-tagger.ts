/**
 * Tags one report: its language, how likely it is to be about an outbreak, the countries affected (not
 * merely mentioned), the places and hazards it names, and the case and death counts it states.
 */

import { type BinaryModel, predictBinary } from './binary-model.ts';
import { extractCaseCounts } from './case-counts.ts';
import { detectLanguage } from './detect-language.ts';
import {
  COUNTRY_FEATURES,
  countryCandidates,
  HAZARD_FEATURES,
  hazardCandidates,
} from './mention-features.ts';
import { RELEVANCE_RULES, type RelevanceModel, scoreRelevance } from './relevance-model.ts';
import { findMentions } from './report-mentions.ts';
import type { TaggingLexicon } from './tagging-lexicon.ts';

export interface TaggedPlace {
  readonly id: string;
  readonly name: string;
  readonly level: string;
  /** ISO 3166-1 alpha-2 of the place's country. */
  readonly country: string;
}

export interface TaggedHazard {
  readonly id: string;
  readonly name: string;
  readonly icd10: string | null;
}

export interface ReportTags {
  /** ISO 639-1 code, or 'und' when the text is too short or in no supported language. */
  readonly language: string;
  /** Probability (0–1) that the report is about an outbreak or a biological hazard. */
  readonly relevance: number;
  /** ISO alpha-2 codes of the affected countries, most prominent first. */
  readonly countries: ReadonlyArray<string>;
  /** Countries named but judged not affected (travel origin, neighbours, partners). */
  readonly mentionedCountries: ReadonlyArray<string>;
  readonly places: ReadonlyArray<TaggedPlace>;
  readonly hazards: ReadonlyArray<TaggedHazard>;
  readonly cases: number | null;
  readonly deaths: number | null;
}

export interface ReportTaggerModels {
  readonly affectedCountry: BinaryModel;
  readonly salientHazard: BinaryModel;
  readonly relevance: RelevanceModel;
}

/** The tags and what they were read from, for callers that also fingerprint or score the text. */
export interface ReportAnalysis {
  readonly tags: ReportTags;
  /** Folded token forms of title and text (see tokenize()). */
  readonly forms: ReadonlyArray<string>;
  /** Number of hazard mentions before salience filtering. */
  readonly hazardMentions: number;
}

export interface ReportTagger {
  tag(title: string, text: string): ReportTags;
  analyse(title: string, text: string): ReportAnalysis;
}

export function createReportTagger(lexicon: TaggingLexicon, models: ReportTaggerModels): ReportTagger {
  const analyse = (title: string, text: string): ReportAnalysis => {
    const mentions = findMentions(lexicon, title, text);
    const language = detectLanguage(title === '' ? text : `${title}. ${text}`, mentions.tokens.forms);

    const countries = countryCandidates(lexicon, mentions)
      .map((c) => ({ key: c.key, p: predictBinary(models.affectedCountry, c.features) }))
      .sort((a, b) => b.p - a.p || (a.key < b.key ? -1 : 1));
    const affected = countries.filter((c) => c.p >= models.affectedCountry.threshold).map((c) => c.key);
    const affectedSet = new Set(affected);

    const scored = hazardCandidates(lexicon, mentions)
      .map((c) => ({ key: c.key, p: predictBinary(models.salientHazard, c.features) }))
      .sort((a, b) => b.p - a.p || a.key - b.key);
    let chosen = scored.filter((h) => h.p >= models.salientHazard.threshold).map((h) => h.key);
    if (chosen.length === 0 && scored.length > 0) chosen = [scored[0].key];
    const redundant = new Set(chosen.flatMap((h) => lexicon.broaderOf[h]));
    const hazards = chosen
      .filter((h) => !redundant.has(h))
      .map((h) => {
        const x = lexicon.hazards[h];
        return { id: x.code, name: x.name, icd10: x.icd10 };
      });

    const seenPlace = new Set<number>();
    const places: TaggedPlace[] = [];
    for (const m of mentions.places) {
      if (seenPlace.has(m.place)) continue;
      seenPlace.add(m.place);
      const p = lexicon.places[m.place];
      places.push({ id: p.code, name: p.name, level: p.level, country: p.country });
    }
    const counts = extractCaseCounts(mentions.tokens.text.slice(mentions.bodyStart), language);
    const relevance = scoreRelevance(models.relevance, {
      forms: mentions.tokens.forms,
      text: mentions.tokens.text,
      hazardMentions: mentions.hazards.length,
      salientHazards: hazards.length,
      affectedCountries: affected.length,
      countsStated: counts.cases !== null || counts.deaths !== null,
    });
    const tags: ReportTags = {
      language,
      relevance,
      countries: affected,
      mentionedCountries: countries.filter((c) => !affectedSet.has(c.key)).map((c) => c.key),
      places,
      hazards,
      cases: counts.cases,
      deaths: counts.deaths,
    };
    return { tags, forms: mentions.tokens.forms, hazardMentions: mentions.hazards.length };
  };
  return { analyse, tag: (title, text) => analyse(title, text).tags };
}

/** Hand-set weights, used until trained models are given (and as the baseline they are measured against). */
export const RULE_MODELS: ReportTaggerModels = Object.freeze({
  affectedCountry: Object.freeze({
    features: COUNTRY_FEATURES,
    weights: [
      2.5, 1.5, 1, 2, 1, 1, 1, -2.5, 0.5, 0.5, -0.3, 1, -0.5, -1.5, 1, 1, 0, 1, 1, 1, -1, 0, -0.5, 0.5, -0.5,
      1, -2, -2, -2, 0.5, 0, 0, 0, 0, 0,
    ],
    bias: -3,
    threshold: 0.5,
  }),
  salientHazard: Object.freeze({
    features: HAZARD_FEATURES,
    weights: [2.5, 1.5, 1, 2.5, 1, 1, -2, -0.3, 1, 0],
    bias: -3,
    threshold: 0.5,
  }),
  relevance: RELEVANCE_RULES,
});
