import { useI18n } from './i18n/i18n.tsx';
import type { Language } from './i18n/messages.ts';

const NAMES: Readonly<Record<Language, string>> = { en: 'English', 'zh-CN': '简体中文' };

export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <label className="language">
      {t('language')}
      <select
        name="language"
        value={language}
        onChange={(e) => setLanguage(e.target.value === 'zh-CN' ? 'zh-CN' : 'en')}
      >
        {(Object.keys(NAMES) as Language[]).map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
