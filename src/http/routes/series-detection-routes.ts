import { z } from 'zod';
import {
  DEFAULT_EXPLORED_EPOCHS,
  type ExploreDetection,
  MAX_EXPLORED_EPOCHS,
} from '../../services/explore-detection.ts';
import { actorOf, type TocsinApp } from '../app.ts';

const roArray = <T extends z.ZodType>(item: T) => z.array(item).readonly();

const Stretch = z.object({ from: z.string(), to: z.string(), epochs: z.number().int() });

const Epoch = z.object({
  epoch: z.string(),
  observed: z.number().nullable(),
  expected: z.number().nullable().describe('null where the method has no expected value'),
  upperBound: z.number().nullable(),
  alarm: z.boolean().nullable().describe('null: undetermined (e.g. a missing count)'),
  baseline: roArray(Stretch).describe('the epochs this one was compared with'),
});

const Exploration = z.object({
  seriesId: z.string(),
  algorithm: z.string(),
  rFunction: z.string(),
  detectorVersion: z.string(),
  options: z.record(z.string(), z.unknown()),
  effectiveOptions: z.record(z.string(), z.unknown()).describe('every option, defaults filled in'),
  boundScale: z.enum(['count', 'statistic']).describe('statistic: the bound is not a count (GLR, outbreakP)'),
  baselineDescription: z.string(),
  from: z.string(),
  to: z.string(),
  alarms: z.number().int(),
  epochs: roArray(Epoch),
});

const Body = z.object({
  algorithm: z.string().min(1).describe('a detector name or R function (GET /api/detection/algorithms)'),
  options: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('R-style control list, e.g. {"method":"C3","alpha":0.01}; absent keys take the defaults'),
  from: z.string().optional().describe('first epoch to monitor, YYYY-MM-DD'),
  to: z.string().optional().describe('last epoch to monitor, YYYY-MM-DD (default: the last)'),
});

/** Exploratory detection on one stored series (permission observation:read, in your jurisdiction). */
export function seriesDetectionRoutes(deps: { readonly explore: ExploreDetection }) {
  return (app: TocsinApp): void => {
    app.post(
      '/api/series/:id/detection',
      {
        schema: {
          tags: ['observations', 'detection'],
          summary:
            'Run any detection method on a series over a span of epochs and return every epoch (exploration: nothing is stored, no audit entry)',
          description:
            `Monitors \`from\`…\`to\` (default: the last ${DEFAULT_EXPLORED_EPOCHS} epochs), at most ${MAX_EXPLORED_EPOCHS} epochs. ` +
            'Options are validated by the method itself: a bad one is a validation problem naming `options.<name>`.',
          params: z.object({ id: z.string().min(1) }),
          body: Body,
          response: { 200: Exploration },
        },
      },
      async (request) => deps.explore.run(actorOf(request), request.params.id, request.body),
    );
  };
}
