/**
 * A story: the reports about one hazard in one affected country that follow each other within a time
 * window. Each story is one event-based signal in the inbox; a new report of the story updates that
 * signal instead of opening another. A story whose signal was closed (discarded, verified, merged)
 * takes no more reports: the next one starts a new story, as a new alarm does after a closed episode.
 */

export interface Story {
  readonly id: string;
  /** The hazard catalogue's code (the tagger's hazard id). */
  readonly hazardCode: string;
  /** ISO 3166-1 alpha-2 of the affected country. */
  readonly country: string;
  readonly signalId: string;
  /** First and last report dates, `YYYY-MM-DD`. */
  readonly firstDate: string;
  readonly lastDate: string;
  readonly reportCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export type StoryChanges = Partial<Pick<Story, 'firstDate' | 'lastDate' | 'reportCount'>>;

/** Days between two reports of one story at most. */
export const STORY_WINDOW_DAYS = 14;

const DAY_MS = 86_400_000;

/** Whether a report dated `date` (`YYYY-MM-DD`) falls within the window around the story's dates. */
export function storyAccepts(
  story: Pick<Story, 'firstDate' | 'lastDate'>,
  date: string,
  windowDays: number = STORY_WINDOW_DAYS,
): boolean {
  const t = Date.parse(`${date}T00:00:00Z`);
  const first = Date.parse(`${story.firstDate}T00:00:00Z`);
  const last = Date.parse(`${story.lastDate}T00:00:00Z`);
  return t >= first - windowDays * DAY_MS && t <= last + windowDays * DAY_MS;
}

/** The earliest date a story may have ended on and still take a report dated `date`. */
export function windowStart(date: string, windowDays: number = STORY_WINDOW_DAYS): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - windowDays * DAY_MS).toISOString().slice(0, 10);
}

/** A report of a story, as its signal's explanation lists it. */
export interface StoryReportSummary {
  readonly id: string;
  readonly title: string;
  readonly url: string | null;
  readonly publishedAt: string;
  readonly sourceId: string;
  readonly cases: number | null;
  readonly deaths: number | null;
}

export interface StoryRepository {
  getStory(id: string): Promise<Story | undefined>;
  /** Stories of (hazard, country) whose last date is on or after `lastDateFrom`, latest first. */
  recentStories(hazardCode: string, country: string, lastDateFrom: string): Promise<ReadonlyArray<Story>>;
  storyOfSignal(signalId: string): Promise<Story | undefined>;
  insertStory(story: Story): Promise<void>;
  /** Applies changes at `expectedVersion`; CONFLICT when the version moved. */
  updateStory(id: string, expectedVersion: number, changes: StoryChanges, at: string): Promise<Story>;
  addStoryReport(storyId: string, reportId: string): Promise<void>;
  /**
   * Reports per hazard code, country and publication day (`YYYY-MM-DD`) within [fromDay, toDay], counted
   * through the stories they joined (relevant, non-duplicate reports).
   */
  dailyReportCounts(
    fromDay: string,
    toDay: string,
  ): Promise<
    ReadonlyArray<{
      readonly hazardCode: string;
      readonly country: string;
      readonly day: string;
      readonly reports: number;
    }>
  >;
  /** How many stories a country has had, in all and of one hazard (for the black-swan watch). */
  storyCounts(
    country: string,
    hazardCode: string,
  ): Promise<{ readonly country: number; readonly hazard: number }>;
  /** The story's reports, latest first, at most `limit`. */
  storyReports(storyId: string, limit: number): Promise<ReadonlyArray<StoryReportSummary>>;
}

/** The earlier and the later of two `YYYY-MM-DD` dates. */
export const earlierDate = (a: string, b: string): string => (a.localeCompare(b) <= 0 ? a : b);
export const laterDate = (a: string, b: string): string => (a.localeCompare(b) >= 0 ? a : b);
