import { useEffect, useState } from 'react';
import { useI18n } from './i18n/i18n.tsx';

/** Milliseconds → the parts of a countdown (days, hours, minutes, seconds), sign dropped. */
export function countdownParts(ms: number): { d: number; h: number; m: number; s: number } {
  const total = Math.floor(Math.abs(ms) / 1000);
  return {
    d: Math.floor(total / 86_400),
    h: Math.floor((total % 86_400) / 3600),
    m: Math.floor((total % 3600) / 60),
    s: total % 60,
  };
}

/** A live countdown to `dueAt` ("due in …" or "overdue by …"), ticking every second. */
export function Countdown(props: { readonly dueAt: string }) {
  const { t, number, dateTime } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Date.parse(props.dueAt) - now;
  const p = countdownParts(left);
  const text = t(p.d > 0 ? 'durationDays' : 'duration', {
    d: number(p.d, 0),
    h: number(p.h, 0),
    m: number(p.m, 0),
    s: number(p.s, 0),
  });
  return (
    <time dateTime={props.dueAt} title={dateTime(props.dueAt)} className={left < 0 ? 'late' : 'due'}>
      {t(left < 0 ? 'overdueBy' : 'dueIn', { duration: text })}
    </time>
  );
}
