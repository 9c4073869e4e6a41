import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { ApiError, api, query } from './api.ts';
import {
  type ActorView,
  allowedTransitions,
  type Named,
  type Place,
  roleCan,
  type SeriesValues,
  type Signal,
  type SignalDetails,
  type SignalState,
  type TriageState,
} from './api-types.ts';
import { ErrorNotice } from './error-notice.tsx';
import { EscalateForm } from './escalate-form.tsx';
import type { FullSignalDetails, SignalHistoryEntry } from './forms-types.ts';
import { useI18n } from './i18n/i18n.tsx';
import { IhrForm } from './ihr-form.tsx';
import { RiskAssessmentForm } from './risk-assessment-form.tsx';
import { followLink } from './router.ts';
import { SignalAssignment } from './signal-assignment.tsx';
import { SignalDetectionPanel } from './signal-detection-panel.tsx';
import { SignalHistory } from './signal-history.tsx';
import { SignalLinks } from './signal-links.tsx';
import { SignalReportsPanel } from './signal-reports-panel.tsx';
import { useColleagues } from './use-colleagues.ts';

/** A message shown after an action, rendered in the language of the moment. */
type Note = { readonly key: 'reasonRequired' } | { readonly key: 'moved'; readonly state: SignalState };

/** Two years before the first alarm: enough history to see the season and the baseline. */
function windowStart(details: SignalDetails): string {
  const ex = details.signal.explanation;
  const starts = ex.kind === 'indicator' ? ex.baseline.stretches.map((s) => s.from) : [];
  const first = details.signal.firstEpoch;
  const twoYears = `${Number(first.slice(0, 4)) - 2}${first.slice(4)}`;
  return [twoYears, ...starts].sort()[0];
}

export function SignalPage(props: { readonly id: string; readonly actor: ActorView }) {
  const { t, date, dateTime, number, language } = useI18n();
  const [details, setDetails] = useState<FullSignalDetails | null>(null);
  const [series, setSeries] = useState<SeriesValues | null>(null);
  const [hazard, setHazard] = useState<Named | null>(null);
  const [place, setPlace] = useState<Place | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [triageError, setTriageError] = useState<unknown>(null);
  const [note, setNote] = useState<Note | null>(null);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<unknown>(null);
  const { colleagues, userName } = useColleagues();
  const [history, setHistory] = useState<ReadonlyArray<SignalHistoryEntry> | null>(null);
  const [historyError, setHistoryError] = useState<unknown>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      // The history comes with the details, so both show the same version of the signal.
      const historyRequest = api<SignalHistoryEntry[]>(
        'GET',
        `/api/signals/${encodeURIComponent(props.id)}/history`,
      ).catch((err: unknown) => {
        setHistoryError(err);
        return null;
      });
      const d = await api<FullSignalDetails>('GET', `/api/signals/${encodeURIComponent(props.id)}`);
      const h = await historyRequest;
      setDetails(d);
      if (h !== null) {
        setHistory(h);
        setHistoryError(null);
      }
      const s = d.signal;
      if (s.hazardId !== null)
        api<Named>('GET', `/api/hazards/${encodeURIComponent(s.hazardId)}`)
          .then(setHazard)
          .catch(() => {});
      if (s.placeId !== null)
        api<Place>('GET', `/api/places/${encodeURIComponent(s.placeId)}`)
          .then(setPlace)
          .catch(() => {});
      if (s.seriesId !== null) {
        const q = query({ from: windowStart(d) });
        setSeries(
          await api<SeriesValues>('GET', `/api/series/${encodeURIComponent(s.seriesId)}/observations${q}`),
        );
      }
    } catch (err) {
      setError(err);
    }
  }, [props.id]);

  useEffect(() => {
    void load();
  }, [load]);

  async function move(to: TriageState) {
    if (details === null) return;
    if (reason.trim() === '') {
      setNote({ key: 'reasonRequired' });
      return;
    }
    const before = details;
    // Optimistic: show the new state at once; the server's answer (or a conflict) replaces it.
    setDetails({ ...details, signal: { ...details.signal, state: to } });
    setBusy(true);
    setTriageError(null);
    setNote(null);
    try {
      const updated = await api<Signal>(
        'POST',
        `/api/signals/${encodeURIComponent(details.signal.id)}/transitions`,
        {
          version: details.signal.version,
          to,
          reason: reason.trim(),
        },
      );
      setReason('');
      await load();
      setNote({ key: 'moved', state: updated.state });
    } catch (err) {
      setDetails(before);
      setTriageError(err);
      if (err instanceof ApiError && err.status === 409) await load();
    } finally {
      setBusy(false);
    }
  }

  async function addComment(event: FormEvent) {
    event.preventDefault();
    if (details === null) return;
    setCommentError(null);
    try {
      await api('POST', `/api/signals/${encodeURIComponent(details.signal.id)}/comments`, {
        version: details.signal.version,
        body: comment,
      });
      setComment('');
    } catch (err) {
      setCommentError(err);
    }
    await load();
  }

  if (error !== null)
    return (
      <section>
        <a href="/signals" onClick={followLink}>
          ← {t('backToInbox')}
        </a>
        <ErrorNotice error={error} onRetry={() => void load()} />
      </section>
    );
  if (details === null) return <p className="loading">{t('loading')}</p>;

  const s = details.signal;
  const ex = s.explanation;
  const allowed = allowedTransitions(s.state);
  const hazardName = hazard?.name ?? s.hazardId ?? '';
  const placeName = (language === 'zh-CN' ? place?.nameLocal : null) ?? place?.name ?? s.placeId ?? '';

  return (
    <article className="signal" aria-labelledby="signal-title">
      <a href="/signals" onClick={followLink}>
        ← {t('backToInbox')}
      </a>
      <h1 id="signal-title">{s.title}</h1>
      <dl className="facts">
        <dt>{t('stateLabel')}</dt>
        <dd>
          <span className={`state state-${s.state}`} data-testid="signal-state">
            {t(`state.${s.state}`)}
          </span>
        </dd>
        <dt>{t('priority')}</dt>
        <dd>{t(`priority.${s.priority}`)}</dd>
        <dt>{t('hazard')}</dt>
        <dd>{hazardName}</dd>
        <dt>{t('place')}</dt>
        <dd>{placeName}</dd>
        <dt>{t('firstSeen')}</dt>
        <dd>{date(s.firstEpoch)}</dd>
        <dt>{t('lastSeen')}</dt>
        <dd>{date(s.lastEpoch)}</dd>
        <dt>{t('version')}</dt>
        <dd>{number(s.version, 0)}</dd>
      </dl>

      {ex.kind === 'indicator' ? (
        <section aria-label={t('algorithm')}>
          <dl className="facts">
            <dt>{t('algorithm')}</dt>
            <dd>
              {ex.algorithm} ({ex.configName})
            </dd>
            <dt>{t('rFunction')}</dt>
            <dd>
              <code>{ex.rFunction}</code>
            </dd>
            <dt>{t('observed')}</dt>
            <dd>{ex.observed === null ? '–' : number(ex.observed, 0)}</dd>
            <dt>{t('expected')}</dt>
            <dd>{ex.expected === null ? '–' : number(ex.expected, 2)}</dd>
            <dt>{t('upperBound')}</dt>
            <dd>{ex.upperBound === null ? '–' : number(ex.upperBound, 2)}</dd>
            <dt>{t('alarms')}</dt>
            <dd>{number(details.alarms.length, 0)}</dd>
            <dt>{t('baseline')}</dt>
            <dd>
              {ex.baseline.stretches.map((b) => `${date(b.from)} – ${date(b.to)}`).join('; ')} (
              {number(ex.baseline.epochs, 0)})
            </dd>
            <dt>{t('options')}</dt>
            <dd>
              <code>{JSON.stringify(ex.control)}</code>
            </dd>
          </dl>
          {series === null ? (
            s.seriesId === null ? (
              <p className="empty">{t('noSeries')}</p>
            ) : (
              <p className="loading">{t('loading')}</p>
            )
          ) : (
            <SignalDetectionPanel
              seriesId={series.series.id}
              explanation={ex}
              values={series.values}
              label={t('chartLabel', { hazard: hazardName, place: placeName })}
            />
          )}
        </section>
      ) : (
        <section aria-label={t('eventSummary')}>
          <h2>{t('eventSummary')}</h2>
          <p>{ex.summary}</p>
          <SignalReportsPanel signal={s} actor={props.actor} />
        </section>
      )}

      <section aria-labelledby="triage-title" className="triage">
        <h2 id="triage-title">{t('triage')}</h2>
        {!roleCan(props.actor.role, 'triage') ? (
          <p className="muted">{t('triageNotAllowed')}</p>
        ) : allowed.length === 0 ? (
          <p className="muted">{t('triageNone')}</p>
        ) : (
          <form onSubmit={(e) => e.preventDefault()}>
            <label>
              {t('reason')}
              <textarea
                name="reason"
                value={reason}
                rows={2}
                placeholder={t('reasonPlaceholder')}
                onChange={(e) => setReason(e.target.value)}
              />
            </label>
            <div className="actions">
              {allowed.map((to) => (
                <button
                  key={to}
                  type="button"
                  disabled={busy}
                  className={to === 'verified' ? 'primary' : ''}
                  onClick={() => void move(to)}
                >
                  {t(`action.${to}`)}
                </button>
              ))}
            </div>
          </form>
        )}
        {note !== null && (
          <p className="notice" role="status">
            {note.key === 'moved' ? t('moved', { state: t(`state.${note.state}`) }) : t(note.key)}
          </p>
        )}
        <ErrorNotice error={triageError} />
      </section>

      <SignalAssignment
        signal={s}
        actor={props.actor}
        colleagues={colleagues}
        userName={userName}
        onChanged={() => void load()}
      />
      <SignalLinks details={details} actor={props.actor} onChanged={() => void load()} />
      {s.state === 'verified' && roleCan(props.actor.role, 'escalate') && (
        <EscalateForm signal={s} actor={props.actor} />
      )}
      {roleCan(props.actor.role, 'assess') && <RiskAssessmentForm signalId={s.id} />}
      {roleCan(props.actor.role, 'assess') && <IhrForm signalId={s.id} />}

      <SignalHistory entries={history} error={historyError} userName={userName} />
      <section aria-labelledby="comments-title">
        <h2 id="comments-title">{t('comments')}</h2>
        {details.comments.length === 0 ? (
          <p className="muted">{t('noComments')}</p>
        ) : (
          <ul data-testid="comments">
            {details.comments.map((c) => (
              <li key={c.id}>
                <time dateTime={c.at}>{dateTime(c.at)}</time> · {userName(c.authorId)} · {c.body}
              </li>
            ))}
          </ul>
        )}
        {roleCan(props.actor.role, 'triage') && (
          <form className="assess-form" onSubmit={addComment}>
            <label>
              {t('addComment')}
              <textarea
                name="comment"
                required
                rows={2}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
            </label>
            <div>
              <button type="submit">{t('postComment')}</button>
            </div>
            <ErrorNotice error={commentError} />
          </form>
        )}
      </section>
    </article>
  );
}
