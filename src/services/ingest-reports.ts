/**
 * Ingests reports from one source: cleans each item (HTML to text, Unicode normalisation), tags it
 * (language, relevance, affected countries, places, hazards, counts), links exact and near duplicates
 * to their original (stored, never dropped), skips items the source delivered before (re-pulling a feed
 * or re-importing a file stores nothing twice), and clusters relevant reports into stories: reports
 * about one hazard in one affected country within STORY_WINDOW_DAYS form one story, which is ONE
 * event-based signal in the inbox — opened with the story's first report and updated (never duplicated)
 * by the next. One transaction per call: a batch is stored whole or not at all; every change is audited.
 */
import { type Actor, requireJurisdiction, requirePermission } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import { notFound } from '../domain/errors.ts';
import type { HazardRepository } from '../domain/hazard.ts';
import type { PlaceRepository } from '../domain/place.ts';
import type { Clock, IdGenerator, Transactor } from '../domain/ports.ts';
import {
  MAX_TEXT_CHARS,
  MAX_TITLE_CHARS,
  NEAR_DUPLICATE_THRESHOLD,
  type Report,
  type ReportItem,
  type ReportRepository,
  signatureBandKeys,
} from '../domain/report.ts';
import { isOpenSignalState, type Signal, type SignalRepository } from '../domain/signal.ts';
import type { EventBasedExplanation } from '../domain/signal-explanation.ts';
import { alarmPriority, higherPriority, type SignalPriority } from '../domain/signal-priority.ts';
import type { SourceHealth, SourceRepository } from '../domain/source.ts';
import {
  earlierDate,
  laterDate,
  type Story,
  type StoryReportSummary,
  type StoryRepository,
  storyAccepts,
  windowStart,
} from '../domain/story.ts';
import {
  BLACK_SWAN_FLAGS,
  type BlackSwanFlag,
  flagStoryCode,
  flagTitle,
  type TextFlag,
  textFlags,
} from '../domain/story-black-swan.ts';
import { contentKey } from '../text/content-key.ts';
import { htmlToText, looksLikeHtml } from '../text/html-to-text.ts';
import { hashTokens, minHashSignature, minHashSimilarity } from '../text/minhash.ts';
import { normaliseText } from '../text/normalise-text.ts';
import type { ReportTagger, ReportTags } from '../text/report-tagger.ts';

export interface IngestReportsStore {
  readonly reports: ReportRepository;
  readonly stories: StoryRepository;
  readonly sources: SourceRepository;
  readonly signals: SignalRepository;
  readonly hazards: HazardRepository;
  readonly places: PlaceRepository;
  readonly audit: AuditWriter;
}

export interface IngestReportsDeps {
  readonly tx: Transactor<IngestReportsStore>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The tagger, built once on first use (loading the vocabularies takes a moment). */
  readonly tagger: () => ReportTagger;
  /** Least relevance for a report to join a story (default 0.5). */
  readonly relevanceThreshold?: number;
}

export type ItemOutcome =
  | {
      readonly index: number;
      readonly status: 'stored';
      readonly reportId: string;
      readonly storyIds: ReadonlyArray<string>;
    }
  | {
      readonly index: number;
      readonly status: 'duplicate';
      readonly reportId: string;
      readonly duplicateOf: string;
      readonly kind: 'exact' | 'near';
    }
  | { readonly index: number; readonly status: 'already-stored'; readonly externalId: string }
  | { readonly index: number; readonly status: 'error'; readonly message: string };

export interface IngestOutcome {
  readonly sourceId: string;
  readonly stored: number;
  readonly duplicates: number;
  readonly alreadyStored: number;
  readonly errors: number;
  readonly storiesOpened: number;
  readonly storiesUpdated: number;
  /** Ids of the signals opened or updated. */
  readonly signalIds: ReadonlyArray<string>;
  readonly items: ReadonlyArray<ItemOutcome>;
  readonly warnings: ReadonlyArray<string>;
}

export interface IngestOptions {
  /** Health fields of the source written in the same transaction (a pull's validators and times). */
  readonly health?: SourceHealth;
}

/** Stories a signal explanation lists at most. */
const EXPLAINED_REPORTS = 20;
/** Hazards × countries of one report that open or join stories at most. */
const MAX_STORY_HAZARDS = 2;
const MAX_STORY_COUNTRIES = 3;
/** A black-swan phrase counts in reports down to this share of the relevance threshold. */
const BLACK_SWAN_RELEVANCE_SHARE = 0.6;

interface Prepared {
  readonly index: number;
  readonly externalId: string;
  readonly url: string | null;
  readonly title: string;
  readonly text: string;
  readonly publishedAt: string;
  readonly tags: ReportTags;
  readonly contentKey: string;
  readonly signature: Uint32Array;
}

/** A story touched by this batch: an existing one or one to open. */
interface TouchedStory {
  readonly hazardCode: string;
  readonly hazardName: string;
  readonly country: string;
  existing: Story | null;
  firstDate: string;
  lastDate: string;
  readonly added: StoryReportSummary[];
  /** Black-swan flags of the story (kept from its signal when it is updated). */
  readonly flags: Set<BlackSwanFlag>;
}

function clean(s: string, max: number, warn: (w: string) => void): string {
  const n = normaliseText(looksLikeHtml(s) ? htmlToText(s) : s, { maxLength: max });
  if (n.truncated) warn(`text cut to the first ${max} characters`);
  if (n.garbled > 0.01) warn('text looks wrongly decoded (replacement characters or UTF-8 read as Latin-1)');
  return n.text;
}

function explanationOf(
  t: TouchedStory,
  countryName: string,
  storyId: string,
  reportCount: number,
  reports: ReadonlyArray<StoryReportSummary>,
): EventBasedExplanation {
  const max = (f: (r: StoryReportSummary) => number | null): number | null => {
    const v = reports.map(f).filter((x): x is number => x !== null);
    return v.length === 0 ? null : Math.max(...v);
  };
  const latest = reports[0];
  const flags = BLACK_SWAN_FLAGS.filter((f) => t.flags.has(f));
  return {
    kind: 'event-based',
    summary:
      (flags.length > 0 ? `Black swan (${flags.join(', ')}): ` : '') +
      `${reportCount} report${reportCount === 1 ? '' : 's'} on ${t.hazardName} in ${countryName}` +
      ` from ${t.firstDate} to ${t.lastDate}` +
      (latest === undefined ? '' : `; latest: "${latest.title.slice(0, 200)}"`),
    details: {
      storyId,
      hazardCode: t.hazardCode,
      country: t.country,
      reportCount,
      blackSwan: flags.length > 0,
      flags,
      cases: max((r) => r.cases),
      deaths: max((r) => r.deaths),
      reports: reports.map((r) => ({ ...r })),
    },
  };
}

export function ingestReports(deps: IngestReportsDeps) {
  const { tx, clock, ids } = deps;
  const threshold = deps.relevanceThreshold ?? 0.5;

  function prepare(items: ReadonlyArray<ReportItem>, fetchedAt: string, warnings: string[]) {
    const tagger = deps.tagger();
    const prepared: Prepared[] = [];
    const errors: ItemOutcome[] = [];
    items.forEach((item, index) => {
      const warn = (w: string): void => {
        warnings.push(`item ${index + 1}: ${w}`);
      };
      const title = clean(item.title, MAX_TITLE_CHARS, warn).replace(/\s+/g, ' ').trim();
      const text = clean(item.text, MAX_TEXT_CHARS, warn);
      if (title === '' && text.trim() === '') {
        errors.push({ index, status: 'error', message: 'no text left after removing markup' });
        return;
      }
      const analysis = tagger.analyse(title, text);
      const hashes = hashTokens(analysis.forms);
      const key = contentKey(hashes);
      prepared.push({
        index,
        externalId: (item.externalId ?? item.url ?? `content:${key}`).slice(0, 2000),
        url: item.url,
        title,
        text,
        publishedAt: item.publishedAt ?? fetchedAt,
        tags: analysis.tags,
        contentKey: key,
        signature: minHashSignature(hashes),
      });
    });
    return { prepared, errors };
  }

  return async function ingest(
    actor: Actor,
    sourceId: string,
    items: ReadonlyArray<ReportItem>,
    options: IngestOptions = {},
  ): Promise<IngestOutcome> {
    requirePermission(actor, 'observation:import');
    // Reports are about any country: an importer opens signals anywhere, so needs the whole world.
    requireJurisdiction(actor, '/world/', 'ingesting reports about any country');
    const fetchedAt = clock.now().toISOString();
    const warnings: string[] = [];
    const { prepared, errors } = prepare(items, fetchedAt, warnings);

    return tx.transaction(async (store) => {
      const { reports, stories, sources, signals, hazards, places, audit } = store;
      const source = await sources.getSource(sourceId);
      if (source === undefined) throw notFound('source', sourceId);
      const outcomes: ItemOutcome[] = [...errors];
      const known = await reports.storedExternalIds(
        sourceId,
        prepared.map((p) => p.externalId),
      );
      const seen = new Set<string>(known);
      const placeCache = new Map<string, { id: string; name: string; path: string } | null>();
      const placeOf = async (code: string) => {
        let p = placeCache.get(code);
        if (p === undefined) {
          const [found] = await places.byCodes([code]);
          p = found === undefined ? null : { id: found.id, name: found.name, path: found.path };
          placeCache.set(code, p);
        }
        return p;
      };
      const touched: TouchedStory[] = [];
      let stored = 0;
      let duplicates = 0;
      let alreadyStored = 0;

      for (const p of prepared) {
        if (seen.has(p.externalId)) {
          alreadyStored++;
          outcomes.push({ index: p.index, status: 'already-stored', externalId: p.externalId });
          continue;
        }
        seen.add(p.externalId);
        const bandKeys = signatureBandKeys(p.signature);
        let duplicateOf: string | null = (await reports.byContentKey(p.contentKey)) ?? null;
        let kind: 'exact' | 'near' | null = duplicateOf === null ? null : 'exact';
        let similarity: number | null = duplicateOf === null ? null : 1;
        if (duplicateOf === null) {
          for (const c of await reports.nearCandidates(bandKeys)) {
            const s = minHashSimilarity(p.signature, c.signature);
            if (s >= NEAR_DUPLICATE_THRESHOLD && (similarity === null || s > similarity)) {
              duplicateOf = c.id;
              similarity = s;
              kind = 'near';
            }
          }
        }
        const country = p.tags.countries[0];
        const place = country === undefined ? null : await placeOf(country);
        const report: Report = {
          id: ids.next(),
          sourceId,
          externalId: p.externalId,
          url: p.url,
          title: p.title,
          text: p.text,
          language: p.tags.language,
          publishedAt: p.publishedAt,
          fetchedAt,
          contentKey: p.contentKey,
          signature: p.signature,
          duplicateOf,
          duplicateKind: kind,
          similarity,
          relevance: p.tags.relevance,
          tags: p.tags,
          placeId: place?.id ?? null,
          placePath: place?.path ?? '/',
        };
        await reports.insertReport(report, bandKeys);
        const { signature: _signature, text: _text, ...snapshot } = report;
        await audit.append(
          {
            actorId: actor.userId,
            action: 'report.ingest',
            objectType: 'report',
            objectId: report.id,
            before: null,
            after: snapshot,
            reason:
              duplicateOf === null
                ? `from source "${source.name}"`
                : `from source "${source.name}"; ${kind} duplicate of ${duplicateOf}`,
          },
          fetchedAt,
        );
        if (duplicateOf !== null && kind !== null) {
          duplicates++;
          outcomes.push({ index: p.index, status: 'duplicate', reportId: report.id, duplicateOf, kind });
          continue;
        }
        stored++;
        const storyKeys: TouchedStory[] = [];
        const date = p.publishedAt.slice(0, 10);
        const summary: StoryReportSummary = {
          id: report.id,
          title: report.title,
          url: report.url,
          publishedAt: report.publishedAt,
          sourceId,
          cases: p.tags.cases,
          deaths: p.tags.deaths,
        };
        const join = async (code: string, name: string, country: string, flag: TextFlag | null) => {
          let t = touched.find(
            (x) => x.hazardCode === code && x.country === country && storyAccepts(x, date),
          );
          if (t === undefined) {
            let existing: Story | null = null;
            for (const s of await stories.recentStories(code, country, windowStart(date))) {
              if (!storyAccepts(s, date)) continue;
              const sig = await signals.get(s.signalId);
              if (sig !== undefined && isOpenSignalState(sig.state)) {
                existing = s;
                break;
              }
            }
            t = {
              hazardCode: code,
              hazardName: name,
              country,
              existing,
              firstDate: existing?.firstDate ?? date,
              lastDate: existing?.lastDate ?? date,
              added: [],
              flags: new Set(flag === null ? [] : [flag]),
            };
            touched.push(t);
          }
          t.firstDate = earlierDate(t.firstDate, date);
          t.lastDate = laterDate(t.lastDate, date);
          t.added.push(summary);
          storyKeys.push(t);
        };
        if (p.tags.relevance >= threshold)
          for (const h of p.tags.hazards.slice(0, MAX_STORY_HAZARDS))
            for (const c of p.tags.countries.slice(0, MAX_STORY_COUNTRIES)) await join(h.id, h.name, c, null);
        // The black-swan watch: what no catalogue hazard names gets a story of its own, flagged.
        if (country !== undefined && p.tags.relevance >= threshold * BLACK_SWAN_RELEVANCE_SHARE)
          for (const flag of textFlags(p.title, p.text))
            await join(flagStoryCode(flag), flagTitle(flag), country, flag);
        outcomes.push({
          index: p.index,
          status: 'stored',
          reportId: report.id,
          storyIds: storyKeys.map((t) => t.existing?.id ?? `new:${t.hazardCode}/${t.country}`),
        });
      }

      // Open or update each touched story's signal once.
      const signalIds: string[] = [];
      const storyIdOf = new Map<TouchedStory, string>();
      let storiesOpened = 0;
      let storiesUpdated = 0;
      const hazardRecords = new Map(
        (await hazards.byCodes([...new Set(touched.map((t) => t.hazardCode))])).map((h) => [h.code, h]),
      );
      for (const t of touched) {
        const place = await placeOf(t.country);
        const countryName = place?.name ?? t.country;
        const hazard = hazardRecords.get(t.hazardCode);
        if (t.existing === null && t.flags.size === 0) {
          // A catalogue hazard never reported in a country whose reports Tocsin has seen before.
          const before = await stories.storyCounts(t.country, t.hazardCode);
          if (before.hazard === 0 && before.country > 0) t.flags.add('new-in-place');
        }
        if (t.existing !== null) {
          const sig = await signals.get(t.existing.signalId);
          const kept = sig?.explanation.kind === 'event-based' ? sig.explanation.details?.flags : undefined;
          if (Array.isArray(kept))
            for (const f of kept)
              if ((BLACK_SWAN_FLAGS as ReadonlyArray<unknown>).includes(f)) t.flags.add(f as BlackSwanFlag);
        }
        let priority: SignalPriority = hazard === undefined ? 'medium' : alarmPriority(hazard, null, null);
        if (t.flags.size > 0) priority = higherPriority(priority, 'high');
        if (t.existing === null) {
          const storyId = ids.next();
          storyIdOf.set(t, storyId);
          const sorted = [...t.added].sort((a, b) =>
            a.publishedAt === b.publishedAt ? (a.id < b.id ? -1 : 1) : a.publishedAt < b.publishedAt ? 1 : -1,
          );
          const signal: Signal = {
            id: ids.next(),
            source: 'event-based',
            state: 'new',
            title: `${t.hazardName} — ${countryName}`,
            hazardId: hazard?.id ?? null,
            placeId: place?.id ?? null,
            placePath: place?.path ?? '/',
            seriesId: null,
            configId: null,
            firstEpoch: t.firstDate,
            lastEpoch: t.lastDate,
            explanation: explanationOf(
              t,
              countryName,
              storyId,
              t.added.length,
              sorted.slice(0, EXPLAINED_REPORTS),
            ),
            priority,
            assigneeId: null,
            mergedIntoId: null,
            createdAt: fetchedAt,
            updatedAt: fetchedAt,
            version: 1,
          };
          const story: Story = {
            id: storyId,
            hazardCode: t.hazardCode,
            country: t.country,
            signalId: signal.id,
            firstDate: t.firstDate,
            lastDate: t.lastDate,
            reportCount: t.added.length,
            createdAt: fetchedAt,
            updatedAt: fetchedAt,
            version: 1,
          };
          await signals.insert(signal);
          await signals.addTransition({
            id: ids.next(),
            signalId: signal.id,
            fromState: null,
            toState: 'new',
            actorId: actor.userId,
            at: fetchedAt,
            reason: `opened by reports on ${t.hazardName} in ${countryName}`,
          });
          await stories.insertStory(story);
          for (const r of t.added) await stories.addStoryReport(storyId, r.id);
          await audit.append(
            {
              actorId: actor.userId,
              action: 'signal.open',
              objectType: 'signal',
              objectId: signal.id,
              before: null,
              after: { signal, story },
              reason: `story of ${t.added.length} report(s) from source "${source.name}"`,
            },
            fetchedAt,
          );
          signalIds.push(signal.id);
          storiesOpened++;
        } else {
          const existing = t.existing;
          storyIdOf.set(t, existing.id);
          for (const r of t.added) await stories.addStoryReport(existing.id, r.id);
          const story = await stories.updateStory(
            existing.id,
            existing.version,
            {
              firstDate: t.firstDate,
              lastDate: t.lastDate,
              reportCount: existing.reportCount + t.added.length,
            },
            fetchedAt,
          );
          const before = await signals.get(existing.signalId);
          if (before === undefined) throw notFound('signal', existing.signalId);
          const latest = await stories.storyReports(existing.id, EXPLAINED_REPORTS);
          const after = await signals.update(
            before.id,
            before.version,
            {
              firstEpoch: earlierDate(t.firstDate, before.firstEpoch),
              lastEpoch: laterDate(t.lastDate, before.lastEpoch),
              explanation: explanationOf(t, countryName, existing.id, story.reportCount, latest),
              priority: higherPriority(before.priority, priority),
            },
            fetchedAt,
          );
          await audit.append(
            {
              actorId: actor.userId,
              action: 'signal.extend',
              objectType: 'signal',
              objectId: before.id,
              before: { signal: before, story: existing },
              after: { signal: after, story },
              reason: `${t.added.length} new report(s) from source "${source.name}" join the story`,
            },
            fetchedAt,
          );
          signalIds.push(before.id);
          storiesUpdated++;
        }
      }

      const sourceBefore = source;
      const sourceAfter = await sources.updateSource(
        source.id,
        source.version,
        { ...options.health, itemsSeen: source.itemsSeen + items.length },
        fetchedAt,
      );
      await audit.append(
        {
          actorId: actor.userId,
          action: 'source.ingest',
          objectType: 'source',
          objectId: source.id,
          before: sourceBefore,
          after: sourceAfter,
          reason: `${items.length} item(s): ${stored} new, ${duplicates} duplicate(s), ${alreadyStored} already stored, ${errors.length} error(s)`,
        },
        fetchedAt,
      );

      const final = outcomes
        .map((o) =>
          o.status === 'stored'
            ? {
                ...o,
                storyIds: o.storyIds.map((id) => {
                  if (!id.startsWith('new:')) return id;
                  const t = touched.find(
                    (x) =>
                      `new:${x.hazardCode}/${x.country}` === id && x.added.some((r) => r.id === o.reportId),
                  );
                  return t === undefined ? id : (storyIdOf.get(t) ?? id);
                }),
              }
            : o,
        )
        .sort((a, b) => a.index - b.index);
      return {
        sourceId,
        stored,
        duplicates,
        alreadyStored,
        errors: errors.length,
        storiesOpened,
        storiesUpdated,
        signalIds,
        items: final,
        warnings,
      };
    });
  };
}

export type IngestReports = ReturnType<typeof ingestReports>;
