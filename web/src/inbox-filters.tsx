import { memo } from 'react';
import { type Named, type Place, SIGNAL_SORTS, SIGNAL_STATES, type SignalSort } from './api-types.ts';
import { useI18n } from './i18n/i18n.tsx';

/** The inbox's filters and sort (kept in sessionStorage for the tab). */
export interface Filters {
  readonly state: string;
  readonly source: string;
  readonly assignee: string;
  readonly hazard: string;
  readonly place: string;
  readonly from: string;
  readonly to: string;
  readonly text: string;
  readonly sort: SignalSort;
  readonly direction: 'asc' | 'desc';
}

export const DEFAULT_FILTERS: Filters = {
  state: 'open',
  source: '',
  assignee: '',
  hazard: '',
  place: '',
  from: '',
  to: '',
  text: '',
  sort: 'last-epoch',
  direction: 'desc',
};

/**
 * The inbox's filter form. Memoised: the page re-renders on every chunk of signals that arrives, and the
 * hazard and place lists hold hundreds of options each.
 */
export const InboxFilters = memo(function InboxFilters(props: {
  readonly filters: Filters;
  readonly hazards: ReadonlyArray<Named>;
  readonly places: ReadonlyArray<Place>;
  readonly placeName: string | null;
  readonly onChange: (patch: Partial<Filters>) => void;
}) {
  const { t } = useI18n();
  return (
    <form className="filters" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('filterState')}
        <select
          name="state"
          value={props.filters.state}
          onChange={(e) => props.onChange({ state: e.target.value })}
        >
          <option value="open">{t('filterOpen')}</option>
          <option value="all">{t('filterAll')}</option>
          {SIGNAL_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`state.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filterSource')}
        <select
          name="source"
          value={props.filters.source}
          onChange={(e) => props.onChange({ source: e.target.value })}
        >
          <option value="">{t('filterAnySource')}</option>
          <option value="indicator">{t('source.indicator')}</option>
          <option value="event-based">{t('source.event-based')}</option>
        </select>
      </label>
      <label>
        {t('filterAssignee')}
        <select
          name="assignee"
          value={props.filters.assignee}
          onChange={(e) => props.onChange({ assignee: e.target.value })}
        >
          <option value="">{t('filterAnyone')}</option>
          <option value="me">{t('filterMe')}</option>
          <option value="none">{t('filterUnassigned')}</option>
        </select>
      </label>
      <label>
        {t('filterHazard')}
        <select
          name="hazard"
          value={props.filters.hazard}
          onChange={(e) => props.onChange({ hazard: e.target.value })}
        >
          <option value="">{t('filterAnyHazard')}</option>
          {props.hazards.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filterPlace')}
        <select
          name="place"
          value={props.filters.place}
          onChange={(e) => props.onChange({ place: e.target.value })}
        >
          <option value="">{t('filterAnyPlace')}</option>
          {props.filters.place !== '' && !props.places.some((p) => p.id === props.filters.place) && (
            <option value={props.filters.place}>{props.placeName ?? props.filters.place}</option>
          )}
          {props.places.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filterFrom')}
        <input
          name="from"
          type="date"
          value={props.filters.from}
          onChange={(e) => props.onChange({ from: e.target.value })}
        />
      </label>
      <label>
        {t('filterTo')}
        <input
          name="to"
          type="date"
          value={props.filters.to}
          onChange={(e) => props.onChange({ to: e.target.value })}
        />
      </label>
      <label>
        {t('filterText')}
        <input
          name="q"
          type="search"
          value={props.filters.text}
          onChange={(e) => props.onChange({ text: e.target.value })}
        />
      </label>
      <label>
        {t('sortBy')}
        <select
          name="sort"
          value={props.filters.sort}
          onChange={(e) =>
            props.onChange({ sort: SIGNAL_SORTS.find((s) => s === e.target.value) ?? 'last-epoch' })
          }
        >
          {SIGNAL_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`sort.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('direction')}
        <select
          name="direction"
          value={props.filters.direction}
          onChange={(e) => props.onChange({ direction: e.target.value === 'asc' ? 'asc' : 'desc' })}
        >
          <option value="desc">{t('descending')}</option>
          <option value="asc">{t('ascending')}</option>
        </select>
      </label>
    </form>
  );
});
