import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { api } from './api.ts';
import {
  type Deadline,
  type EventSummary,
  type Page,
  RISK_LEVELS,
  type RiskLevel,
  type SignalPage,
  type TaskSummary,
} from './api-types.ts';
import { Countdown } from './countdown.tsx';
import { DistrictMap } from './district-map.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { useI18n } from './i18n/i18n.tsx';
import type { PlaceValue } from './map-types.ts';
import { followLink } from './router.ts';

type Loaded<T> =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'error'; readonly error: unknown };

/** Loads one panel's data; each panel fails on its own (a responder may not read everything). */
function useLoad<T>(path: string): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    api<T>('GET', path)
      .then((value) => live && setState({ kind: 'ok', value }))
      .catch((error: unknown) => live && setState({ kind: 'error', error }));
    return () => {
      live = false;
    };
  }, [path]);
  return state;
}

function Panel<T>(props: {
  readonly title: string;
  readonly id: string;
  readonly data: Loaded<T>;
  readonly wide?: boolean;
  readonly children: (value: T) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <section className={props.wide === true ? 'panel wide' : 'panel'} aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.data.kind === 'loading' && <p className="loading">{t('loading')}</p>}
      {props.data.kind === 'error' && <ErrorNotice error={props.data.error} />}
      {props.data.kind === 'ok' && props.children(props.data.value)}
    </section>
  );
}

/** Open signals per district in the caller's jurisdiction (one aggregate query: GET /api/signals/map). */
function useOpenSignalCounts(): Loaded<ReadonlyMap<string, number>> {
  const rows = useLoad<ReadonlyArray<PlaceValue>>('/api/signals/map?level=admin2&metric=signals');
  return useMemo(
    () =>
      rows.kind === 'ok' ? { kind: 'ok', value: new Map(rows.value.map((r) => [r.placeId, r.value])) } : rows,
    [rows],
  );
}

/** The nerve centre: active events by risk level, new signals, overdue tasks, legal deadlines. */
export function BoardPage() {
  const { t, date, number } = useI18n();
  const events = useLoad<Page<EventSummary>>('/api/events?status=active&limit=200');
  const fresh = useLoad<SignalPage>('/api/signals?state=new&sort=last-epoch&direction=desc&limit=8');
  const unassigned = useLoad<SignalPage>('/api/signals?assignee=none&limit=1');
  const tasks = useLoad<Page<TaskSummary>>('/api/tasks?overdue=true&limit=20');
  const due = useLoad<Page<Deadline>>('/api/deadlines?status=due&limit=20');
  const breached = useLoad<Page<Deadline>>('/api/deadlines?status=breached&limit=20');
  const counts = useOpenSignalCounts();
  const deadlineRow = (d: Deadline) => (
    <li key={d.id}>
      <strong>{d.ruleName}</strong> <span className="muted">({d.legalBasis})</span> ·{' '}
      <Countdown dueAt={d.dueAt} />
      {d.subjectType === 'signal' && (
        <>
          {' '}
          ·{' '}
          <a href={`/signals/${encodeURIComponent(d.subjectId)}`} onClick={followLink}>
            {t('signalTitle')}
          </a>
        </>
      )}
    </li>
  );

  return (
    <section aria-labelledby="board-title">
      <h1 id="board-title">{t('boardTitle')}</h1>
      <div className="board">
        <Panel title={t('activeEvents')} id="panel-events" data={events}>
          {(page) => {
            if (page.items.length === 0) return <p className="empty">{t('noActiveEvents')}</p>;
            const groups = new Map<RiskLevel | null, EventSummary[]>();
            for (const e of page.items) groups.set(e.riskLevel, [...(groups.get(e.riskLevel) ?? []), e]);
            return [...RISK_LEVELS, null].map((level) => {
              const list = groups.get(level) ?? [];
              if (list.length === 0) return null;
              return (
                <div key={level ?? 'none'} className={`risk-group risk-${level ?? 'none'}`}>
                  <h3>
                    {level === null ? t('riskUnassessed') : t(`risk.${level}`)} ({number(list.length, 0)})
                  </h3>
                  <ul>
                    {list.map((e) => (
                      <li key={e.id}>
                        <a href={`/events/${encodeURIComponent(e.id)}`} onClick={followLink}>
                          {e.title}
                        </a>
                      </li>
                    ))}
                  </ul>
                </div>
              );
            });
          }}
        </Panel>
        <Panel title={t('newSignals')} id="panel-signals" data={fresh}>
          {(page) => (
            <>
              <p data-testid="board-new-signals">
                {t('newSignalsCount', { total: number(page.total, 0) })}
                {unassigned.kind === 'ok' &&
                  ` · ${t('unassignedCount', { total: number(unassigned.value.total, 0) })}`}
              </p>
              <ul>
                {page.items.map((s) => (
                  <li key={s.id}>
                    <a href={`/signals/${encodeURIComponent(s.id)}`} onClick={followLink}>
                      {s.title}
                    </a>{' '}
                    <span className="muted">{date(s.lastEpoch)}</span>
                  </li>
                ))}
              </ul>
              <a href="/signals" onClick={followLink}>
                {t('navInbox')} →
              </a>
            </>
          )}
        </Panel>
        <Panel title={t('mapTitle')} id="panel-map" data={counts} wide>
          {(value) => <DistrictMap counts={value} label={t('mapLabel')} />}
        </Panel>
        <Panel title={t('overdueTasks')} id="panel-tasks" data={tasks}>
          {(page) =>
            page.items.length === 0 ? (
              <p className="empty">{t('noOverdueTasks')}</p>
            ) : (
              <ul>
                {page.items.map((task) => (
                  <li key={task.id}>
                    {task.title} · <Countdown dueAt={task.dueAt} />
                  </li>
                ))}
              </ul>
            )
          }
        </Panel>
        <Panel title={t('deadlines')} id="panel-deadlines" data={breached}>
          {(late) => (
            <>
              {late.items.length > 0 && <ul className="breached">{late.items.map(deadlineRow)}</ul>}
              {due.kind === 'ok' && due.value.items.length > 0 && <ul>{due.value.items.map(deadlineRow)}</ul>}
              {late.items.length === 0 && (due.kind !== 'ok' || due.value.items.length === 0) && (
                <p className="empty">{t('noDeadlines')}</p>
              )}
            </>
          )}
        </Panel>
      </div>
    </section>
  );
}
