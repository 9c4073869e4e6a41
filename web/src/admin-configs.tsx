import './forms.css';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from './api.ts';
import { ConflictNotice } from './conflict-notice.tsx';
import { ErrorNotice } from './error-notice.tsx';
import {
  type Algorithm,
  type DetectionConfig,
  type DetectionRunResult,
  FREQUENCIES,
  type Frequency,
  type HazardRow,
} from './forms-types.ts';
import { useI18n } from './i18n/i18n.tsx';
import { SaveCancel } from './save-cancel.tsx';
import { useApiList, useChange } from './use-api-list.ts';

interface Draft {
  readonly name: string;
  readonly algorithm: string;
  readonly control: string;
  readonly frequency: Frequency;
  readonly hazardIds: ReadonlyArray<string>;
  readonly placeIds: string;
  readonly schedule: string;
  readonly monitoredEpochs: number;
  readonly enabled: boolean;
}

const EMPTY: Draft = {
  name: '',
  algorithm: '',
  control: '{}',
  frequency: 'weekly',
  hazardIds: [],
  placeIds: '',
  schedule: '',
  monitoredEpochs: 4,
  enabled: false,
};

function draftOf(c: DetectionConfig): Draft {
  return {
    name: c.name,
    algorithm: c.algorithm,
    control: JSON.stringify(c.control, null, 1),
    frequency: c.selector.frequency,
    hazardIds: c.selector.hazardIds,
    placeIds: c.selector.placeIds.join(', '),
    schedule: c.schedule ?? '',
    monitoredEpochs: c.monitoredEpochs,
    enabled: c.enabled,
  };
}

/** The control list as an object, or null when the text is not a JSON object. */
export function parseControl(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text.trim() === '' ? '{}' : text);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v))
      : null;
  } catch {
    return null;
  }
}

/** The body of POST/PUT /api/detection/configs from a draft (the rest of the selector is kept). */
function bodyOf(d: Draft, control: Record<string, unknown>, before?: DetectionConfig) {
  return {
    name: d.name.trim(),
    algorithm: d.algorithm,
    control,
    selector: {
      hazardIds: [...d.hazardIds],
      placeIds: d.placeIds
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== ''),
      sources: [...(before?.selector.sources ?? [])],
      strata: [...(before?.selector.strata ?? [])],
      frequency: d.frequency,
    },
    schedule: d.schedule.trim() === '' ? null : d.schedule.trim(),
    monitoredEpochs: d.monitoredEpochs,
    enabled: d.enabled,
  };
}

function ConfigForm(props: {
  readonly draft: Draft;
  readonly onChange: (d: Draft) => void;
  readonly algorithms: ReadonlyArray<Algorithm>;
  readonly hazards: ReadonlyArray<HazardRow>;
}) {
  const { t } = useI18n();
  const d = props.draft;
  const set = (patch: Partial<Draft>) => props.onChange({ ...d, ...patch });
  return (
    <div className="forms-inline">
      <label>
        {t('name')}
        <input name="configName" required value={d.name} onChange={(e) => set({ name: e.target.value })} />
      </label>
      <label>
        {t('algorithm')}
        <select
          name="configAlgorithm"
          value={d.algorithm}
          onChange={(e) => set({ algorithm: e.target.value })}
        >
          {props.algorithms.map((a) => (
            <option key={a.name} value={a.name}>
              {a.name} ({a.rFunction})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('fm.frequency')}
        <select
          name="configFrequency"
          value={d.frequency}
          onChange={(e) => set({ frequency: FREQUENCIES.find((f) => f === e.target.value) ?? 'weekly' })}
        >
          {FREQUENCIES.map((f) => (
            <option key={f} value={f}>
              {t(`fm.frequency.${f}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('monitoredEpochs')}
        <input
          name="configMonitored"
          type="number"
          min={1}
          max={520}
          required
          value={d.monitoredEpochs}
          onChange={(e) => set({ monitoredEpochs: Number(e.target.value) })}
        />
      </label>
      <label>
        {t('fm.scheduleHint')}
        <input name="configSchedule" value={d.schedule} onChange={(e) => set({ schedule: e.target.value })} />
      </label>
      <label>
        {t('fm.hazardsWatched')}
        <select
          name="configHazards"
          multiple
          size={4}
          value={[...d.hazardIds]}
          onChange={(e) => set({ hazardIds: Array.from(e.target.selectedOptions, (o) => o.value) })}
        >
          {props.hazards.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('fm.placesWatched')}
        <input name="configPlaces" value={d.placeIds} onChange={(e) => set({ placeIds: e.target.value })} />
      </label>
      <label>
        {t('fm.controlJson')}
        <textarea
          name="configControl"
          rows={3}
          value={d.control}
          onChange={(e) => set({ control: e.target.value })}
        />
      </label>
      <label className="inline">
        <input
          type="checkbox"
          name="configEnabled"
          checked={d.enabled}
          onChange={(e) => set({ enabled: e.target.checked })}
        />
        {t('fm.enabled')}
      </label>
    </div>
  );
}

/**
 * Detection configurations: create one, edit it (at the version read), enable or disable it, and run it
 * now with the run's result shown. Every change goes through the API, which audits it.
 */
export function AdminConfigs() {
  const { t, number } = useI18n();
  const {
    rows: configs,
    loadError,
    reload: load,
  } = useApiList(() => api<DetectionConfig[]>('GET', '/api/detection/configs'));
  const [algorithms, setAlgorithms] = useState<ReadonlyArray<Algorithm>>([]);
  const [hazards, setHazards] = useState<ReadonlyArray<HazardRow>>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [note, setNote] = useState<string | null>(null);
  const { busy, error, setError, run } = useChange(load);

  useEffect(() => {
    api<Algorithm[]>('GET', '/api/detection/algorithms')
      .then(setAlgorithms)
      .catch(() => {});
    api<{ items: HazardRow[] }>('GET', '/api/hazards?limit=500')
      .then((r) => setHazards(r.items))
      .catch(() => {});
  }, []);

  async function write(work: () => Promise<string>) {
    setNote(null);
    setNote((await run(work)) ?? null);
  }

  function submit(event: FormEvent, before?: DetectionConfig) {
    event.preventDefault();
    const control = parseControl(draft.control);
    if (control === null) {
      setNote(t('fm.controlInvalid'));
      return;
    }
    void write(async () => {
      if (before === undefined) await api('POST', '/api/detection/configs', bodyOf(draft, control));
      else
        await api('PUT', `/api/detection/configs/${encodeURIComponent(before.id)}`, {
          ...bodyOf(draft, control, before),
          version: before.version,
        });
      setEditing(null);
      return t('fm.configSaved', { name: draft.name.trim() });
    });
  }

  const toggle = (c: DetectionConfig) =>
    void write(async () => {
      await api('PUT', `/api/detection/configs/${encodeURIComponent(c.id)}`, {
        ...bodyOf(draftOf(c), { ...c.control }, c),
        enabled: !c.enabled,
        version: c.version,
      });
      return t(c.enabled ? 'fm.configDisabled' : 'fm.configEnabled', { name: c.name });
    });

  const runNow = (c: DetectionConfig) =>
    void write(async () => {
      const r = await api<DetectionRunResult>(
        'POST',
        `/api/detection/configs/${encodeURIComponent(c.id)}/runs`,
      );
      return t('fm.runDone', {
        name: r.configName,
        series: number(r.run.seriesCount, 0),
        alarms: number(r.run.alarmCount, 0),
        opened: number(r.run.signalsOpened, 0),
        updated: number(r.run.signalsUpdated, 0),
      });
    });

  return (
    <section aria-labelledby="admin-configs-title">
      <h2 id="admin-configs-title">{t('adminConfigs')}</h2>
      <ErrorNotice error={loadError} onRetry={load} />
      {note !== null && (
        <div className="notice" role="status" data-testid="config-note">
          {note}
        </div>
      )}
      <ConflictNotice
        error={error}
        onReload={() => {
          setError(null);
          setEditing(null);
          load();
        }}
      />
      {editing === 'new' ? (
        <form className="assess-form" onSubmit={(e) => submit(e)} aria-labelledby="new-config-title">
          <h3 id="new-config-title">{t('fm.newConfig')}</h3>
          <ConfigForm draft={draft} onChange={setDraft} algorithms={algorithms} hazards={hazards} />
          <SaveCancel
            busy={busy}
            saveLabel={t('fm.createConfig')}
            cancelLabel={t('fm.cancel')}
            onCancel={() => setEditing(null)}
          />
        </form>
      ) : (
        <button
          type="button"
          onClick={() => {
            setDraft({ ...EMPTY, algorithm: algorithms[0]?.name ?? '' });
            setEditing('new');
          }}
        >
          {t('fm.newConfig')}
        </button>
      )}
      <table className="signals" data-testid="admin-configs">
        <thead>
          <tr>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('algorithm')}</th>
            <th scope="col">{t('schedule')}</th>
            <th scope="col">{t('monitoredEpochs')}</th>
            <th scope="col">{t('fm.enabled')}</th>
            <th scope="col">{t('version')}</th>
            <th scope="col">{t('fm.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(configs ?? []).map((c) =>
            editing === c.id ? (
              <tr key={c.id}>
                <td colSpan={7}>
                  <form onSubmit={(e) => submit(e, c)} aria-label={c.name}>
                    <ConfigForm draft={draft} onChange={setDraft} algorithms={algorithms} hazards={hazards} />
                    <SaveCancel
                      busy={busy}
                      saveLabel={t('fm.save')}
                      cancelLabel={t('fm.cancel')}
                      onCancel={() => setEditing(null)}
                    />
                  </form>
                </td>
              </tr>
            ) : (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td>
                  <code>{c.algorithm}</code>
                </td>
                <td>{c.schedule ?? t('fm.onDemand')}</td>
                <td>{number(c.monitoredEpochs, 0)}</td>
                <td>{c.enabled ? t('yes') : t('no')}</td>
                <td>{number(c.version, 0)}</td>
                <td>
                  <div className="actions">
                    <button
                      type="button"
                      aria-label={t('fm.editConfig', { name: c.name })}
                      onClick={() => {
                        setDraft(draftOf(c));
                        setEditing(c.id);
                      }}
                    >
                      {t('fm.edit')}
                    </button>
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={t(c.enabled ? 'fm.disableConfig' : 'fm.enableConfig', { name: c.name })}
                      onClick={() => toggle(c)}
                    >
                      {c.enabled ? t('fm.disable') : t('fm.enable')}
                    </button>
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={t('fm.runConfig', { name: c.name })}
                      onClick={() => runNow(c)}
                    >
                      {t('fm.runNow')}
                    </button>
                  </div>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </section>
  );
}
