import { z } from 'zod';
import { MAP_LEVELS, MAP_METRICS } from '../../domain/map-count.ts';
import { SIGNAL_STATES } from '../../domain/signal.ts';
import type { MapCounts } from '../../services/map-counts.ts';
import { actorOf, type TocsinApp } from '../app.ts';

/** A comma-separated list in a query parameter (`state=new,under-review`). */
const list = (description: string) =>
  z
    .string()
    .optional()
    .describe(`${description} (comma-separated)`)
    .transform((v) =>
      v === undefined
        ? undefined
        : v
            .split(',')
            .map((x) => x.trim())
            .filter((x) => x !== ''),
    );

/** Counts per place for the choropleth maps (jurisdiction narrowed by the service). */
export function mapRoutes(deps: { readonly mapCounts: MapCounts }) {
  return (app: TocsinApp): void => {
    app.get(
      '/api/signals/map',
      {
        schema: {
          tags: ['signals'],
          summary:
            'Counts per place of one level for a map: signals, alarms or observed counts, summed up the place hierarchy',
          querystring: z.object({
            level: z
              .enum(MAP_LEVELS)
              .describe('the level of the places counted (each row below adds to its ancestor)'),
            metric: z.enum(MAP_METRICS).optional().describe('what is counted; default signals'),
            place: z
              .string()
              .optional()
              .describe("a place id: only rows in its subtree (e.g. one country's regions)"),
            hazard: list('hazard ids'),
            state: list(
              `signal states: ${SIGNAL_STATES.join(', ')}; default the open states (signals) or all but merged (alarms)`,
            ),
            from: z
              .string()
              .optional()
              .describe("YYYY-MM-DD: signal's last epoch, alarm's or observation's epoch on or after it"),
            to: z.string().optional().describe('YYYY-MM-DD: … on or before it'),
          }),
          response: {
            200: z
              .array(z.object({ placeId: z.string(), value: z.number() }))
              .readonly()
              .describe('one row per place with a value above zero, by place id'),
          },
        },
      },
      async (request) => {
        const q = request.query;
        return deps.mapCounts.count(actorOf(request), {
          level: q.level,
          metric: q.metric,
          placeId: q.place,
          hazardIds: q.hazard,
          states: q.state,
          from: q.from,
          to: q.to,
        });
      },
    );
  };
}
