import { useEffect, useId, useState } from 'react';
import { api, query } from './api.ts';
import type { Place } from './api-types.ts';
import { useI18n } from './i18n/i18n.tsx';

/**
 * A place chosen by typing its name (any language or alias) or its id; the value is the place id.
 * Suggestions come from GET /api/places?q=… and show as a list the browser offers while typing.
 */
export function PlacePicker(props: {
  readonly label: string;
  readonly name: string;
  readonly value: string;
  readonly onChange: (placeId: string) => void;
  readonly required?: boolean;
}) {
  const { language } = useI18n();
  const listId = useId();
  const [options, setOptions] = useState<ReadonlyArray<Place>>([]);
  useEffect(() => {
    const q = props.value.trim();
    if (q.length < 2) return;
    let live = true;
    const timer = setTimeout(() => {
      api<{ readonly items: ReadonlyArray<Place> }>('GET', `/api/places${query({ q, limit: 12 })}`)
        .then((r) => {
          if (live) setOptions(r.items);
        })
        .catch(() => {});
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [props.value]);
  const chosen = options.find((p) => p.id === props.value);
  const placeName = (p: Place) => (language === 'zh-CN' ? p.nameLocal : null) ?? p.name;
  return (
    <label>
      {props.label}
      <input
        name={props.name}
        list={listId}
        required={props.required}
        value={props.value}
        autoComplete="off"
        onChange={(e) => props.onChange(e.target.value)}
      />
      <datalist id={listId}>
        {options.map((p) => (
          <option key={p.id} value={p.id}>
            {placeName(p)}
          </option>
        ))}
      </datalist>
      {chosen !== undefined && <span className="muted">{placeName(chosen)}</span>}
    </label>
  );
}
