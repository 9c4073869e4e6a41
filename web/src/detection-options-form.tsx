import type { OptionSpec } from './detection-types.ts';
import { useI18n } from './i18n/i18n.tsx';
import { optionDescription } from './i18n/option-descriptions-zh.ts';

/** What the form holds: the text typed (or the box ticked) per option; '' = the method's default. */
export type OptionDraft = Readonly<Record<string, string | boolean>>;

/** The form's starting state from a control list (absent keys left empty, booleans at their default). */
export function draftFromControl(
  specs: ReadonlyArray<OptionSpec>,
  control: Readonly<Record<string, unknown>>,
): OptionDraft {
  const out: Record<string, string | boolean> = {};
  for (const s of specs) {
    const v = control[s.name];
    if (s.type === 'boolean') out[s.name] = typeof v === 'boolean' ? v : s.default === true;
    else if (v === undefined || v === null) out[s.name] = '';
    else if (s.type === 'numbers' && Array.isArray(v)) out[s.name] = v.join(', ');
    else if (s.type === 'json' || typeof v === 'object') out[s.name] = JSON.stringify(v);
    else out[s.name] = String(v);
  }
  return out;
}

function parseNumber(text: string): number | string {
  const n = Number(text);
  // Left as text, the method's own validation names the option and says what it expected.
  return text !== '' && Number.isFinite(n) ? n : text;
}

/**
 * The control list the form describes: typed values for what was filled in, booleans only where they
 * differ from the default, and `keep` (keys the form does not know, e.g. of a configuration) unchanged.
 */
export function controlFromDraft(
  specs: ReadonlyArray<OptionSpec>,
  draft: OptionDraft,
  keep: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const known = new Set(specs.map((s) => s.name));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(keep)) if (!known.has(k)) out[k] = v;
  for (const s of specs) {
    const v = draft[s.name];
    if (v === undefined) continue;
    if (typeof v === 'boolean') {
      if (v !== s.default) out[s.name] = v;
      continue;
    }
    const text = v.trim();
    if (text === '') continue;
    switch (s.type) {
      case 'number':
      case 'integer':
        out[s.name] = parseNumber(text);
        break;
      case 'numbers': {
        const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
        const nums = parts.map(Number);
        out[s.name] = nums.every(Number.isFinite) ? nums : text;
        break;
      }
      case 'json':
        try {
          out[s.name] = JSON.parse(text);
        } catch {
          out[s.name] = text;
        }
        break;
      default:
        out[s.name] = text;
    }
  }
  return out;
}

const shown = (v: unknown): string =>
  v === null || v === undefined
    ? ''
    : Array.isArray(v)
      ? v.join(', ')
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);

/** A form generated from a method's option list (GET /api/detection/algorithms). */
export function DetectionOptionsForm(props: {
  readonly specs: ReadonlyArray<OptionSpec>;
  readonly draft: OptionDraft;
  readonly onChange: (draft: OptionDraft) => void;
  /** Makes the ids unique when two forms share a page. */
  readonly idPrefix: string;
}) {
  const { t, language } = useI18n();
  const set = (name: string, value: string | boolean) => props.onChange({ ...props.draft, [name]: value });
  if (props.specs.length === 0) return <p className="muted">{t('detNoOptions')}</p>;
  return (
    <div className="detection-options">
      {props.specs.map((s) => {
        const id = `${props.idPrefix}-${s.name}`;
        const hintId = `${id}-hint`;
        const value = props.draft[s.name];
        const def =
          s.default === null || s.default === undefined
            ? t('detDefaultDerived')
            : t('detDefault', { value: shown(s.default) });
        const hint = (
          <span className="hint" id={hintId}>
            {optionDescription(s.description, language)} ({def})
          </span>
        );
        if (s.type === 'boolean')
          return (
            <label key={s.name} className="check">
              <input
                type="checkbox"
                name={s.name}
                aria-describedby={hintId}
                checked={value === true}
                onChange={(e) => set(s.name, e.target.checked)}
              />
              <code>{s.name}</code>
              {hint}
            </label>
          );
        if (s.type === 'choice')
          return (
            <label key={s.name}>
              <code>{s.name}</code>
              <select
                name={s.name}
                aria-describedby={hintId}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => set(s.name, e.target.value)}
              >
                <option value="">{t('detDefaultChoice', { value: shown(s.default) || '–' })}</option>
                {(s.choices ?? []).map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
              {hint}
            </label>
          );
        return (
          <label key={s.name}>
            <code>{s.name}</code>
            <input
              type="text"
              name={s.name}
              inputMode={s.type === 'json' ? 'text' : 'decimal'}
              aria-describedby={hintId}
              placeholder={shown(s.default)}
              value={typeof value === 'string' ? value : ''}
              onChange={(e) => set(s.name, e.target.value)}
            />
            {hint}
          </label>
        );
      })}
    </div>
  );
}
