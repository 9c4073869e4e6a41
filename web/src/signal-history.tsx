import './forms.css';
import type { ReactNode } from 'react';
import { type Priority, SIGNAL_STATES, type SignalState } from './api-types.ts';
import { ErrorNotice } from './error-notice.tsx';
import type { SignalHistoryEntry } from './forms-types.ts';
import { useI18n } from './i18n/i18n.tsx';
import { followLink } from './router.ts';
import { useSignalTitles } from './use-signal-titles.ts';

/** One field of a signal stored as JSON in an audit entry, when it is a string (else null). */
export function signalField(json: string | null, field: string): string | null {
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null) return null;
    const v: unknown = Object.entries(value).find(([k]) => k === field)?.[1];
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

const PRIORITIES: ReadonlyArray<Priority> = ['low', 'medium', 'high', 'critical'];
const isPriority = (v: string | null): v is Priority => PRIORITIES.some((p) => p === v);

const isState = (v: string | null): v is SignalState =>
  v !== null && (SIGNAL_STATES as ReadonlyArray<string>).includes(v);

/** The signal id a link or unlink entry names in its reason ("related to signal X", "from signal X"). */
const linkedId = (reason: string | null): string | null => /signal (\S+)$/.exec(reason ?? '')?.[1] ?? null;

/**
 * Everything done to the signal, oldest first, from its audit entries: state transitions, assignments,
 * comments, links made and removed, merges, priority changes and detection updates.
 */
export function SignalHistory(props: {
  /** The entries, loaded with the signal's details (null while loading). */
  readonly entries: ReadonlyArray<SignalHistoryEntry> | null;
  readonly error: unknown;
  readonly userName: (id: string | null) => string;
}) {
  const { t, dateTime } = useI18n();
  const { entries, error } = props;

  const titles = useSignalTitles(
    (entries ?? []).flatMap((e) => {
      if (!/^signal\.(link|unlink|merge)$/.test(e.action)) return [];
      const id = e.action === 'signal.merge' ? signalField(e.after, 'mergedIntoId') : linkedId(e.reason);
      return id === null ? [] : [id];
    }),
  );
  const signalLink = (id: string | null): ReactNode =>
    id === null ? (
      ''
    ) : (
      <a href={`/signals/${encodeURIComponent(id)}`} onClick={followLink}>
        {titles[id] ?? id.slice(0, 8)}
      </a>
    );

  function describe(e: SignalHistoryEntry): { text: ReactNode; reason: string | null } {
    const action = e.action.startsWith('signal.') ? e.action.slice('signal.'.length) : e.action;
    if (isState(action)) {
      const from = signalField(e.before, 'state');
      return {
        text: `${isState(from) ? `${t(`state.${from}`)} → ` : ''}${t(`state.${action}`)}`,
        reason: e.reason,
      };
    }
    switch (action) {
      case 'assign':
        return {
          text: t('fm.h.assign', { name: props.userName(signalField(e.after, 'assigneeId')) }),
          reason: e.reason,
        };
      case 'unassign':
        return {
          text: t('fm.h.unassign', { name: props.userName(signalField(e.before, 'assigneeId')) }),
          reason: e.reason,
        };
      case 'comment':
        return { text: t('fm.h.comment'), reason: (e.reason ?? '').replace(/^comment \S+: /, '') };
      case 'link':
        return {
          text: (
            <>
              {t('fm.h.link')} {signalLink(linkedId(e.reason))}
            </>
          ),
          reason: null,
        };
      case 'unlink':
        return {
          text: (
            <>
              {t('fm.h.unlink')} {signalLink(linkedId(e.reason))}
            </>
          ),
          reason: null,
        };
      case 'merge':
        return {
          text: (
            <>
              {t('fm.h.merge')} {signalLink(signalField(e.after, 'mergedIntoId'))}
            </>
          ),
          reason: e.reason,
        };
      case 'merge-target':
        return { text: t('fm.h.mergeTarget'), reason: e.reason };
      case 'priority': {
        const from = signalField(e.before, 'priority');
        const to = signalField(e.after, 'priority');
        return {
          text: t('fm.h.priority', {
            from: isPriority(from) ? t(`priority.${from}`) : '',
            to: isPriority(to) ? t(`priority.${to}`) : '',
          }),
          reason: e.reason,
        };
      }
      case 'open':
        return { text: t('fm.h.open'), reason: e.reason };
      case 'extend':
        return { text: t('fm.h.extend'), reason: e.reason };
      default:
        return { text: <code>{e.action}</code>, reason: e.reason };
    }
  }

  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('history')}</h2>
      <ErrorNotice error={error} />
      {entries === null ? (
        error === null && <p className="loading">{t('loading')}</p>
      ) : entries.length === 0 ? (
        <p className="muted">{t('noHistory')}</p>
      ) : (
        <ol className="history" data-testid="signal-history">
          {entries.map((e) => {
            const d = describe(e);
            return (
              <li key={e.seq}>
                <time dateTime={e.at}>{dateTime(e.at)}</time> ·{' '}
                <span className="muted">
                  {e.actorId === 'system' ? t('fm.system') : props.userName(e.actorId)}
                </span>{' '}
                · {d.text}
                {d.reason !== null && d.reason !== '' && <q>{d.reason}</q>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
