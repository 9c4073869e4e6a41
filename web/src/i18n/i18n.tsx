import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { interpolate, type Language, type MessageKey, type Messages } from './messages.ts';
import { messagesEn } from './messages-en.ts';
import { messagesZh } from './messages-zh.ts';

const CATALOGUES: Readonly<Record<Language, Messages>> = { en: messagesEn, 'zh-CN': messagesZh };
const STORAGE_KEY = 'tocsin.language';

export interface I18n {
  readonly language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string;
  /** A calendar date ('YYYY-MM-DD' or ISO time) in the UI language. */
  date(value: string): string;
  dateTime(value: string): string;
  number(value: number, maximumFractionDigits?: number): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'zh-CN') return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Dates without a time are calendar dates: format them in UTC so they never shift a day. */
function toDate(value: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
}

export function I18nProvider(props: { readonly children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback((l: Language) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, l);
    setLanguageState(l);
  }, []);
  const value = useMemo<I18n>(() => {
    const catalogue = CATALOGUES[language];
    const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
    const dateTimeFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    const numberFormats = new Map<number, Intl.NumberFormat>();
    return {
      language,
      setLanguage,
      t: (key, params) => (params === undefined ? catalogue[key] : interpolate(catalogue[key], params)),
      date: (v) => dateFormat.format(toDate(v)),
      dateTime: (v) => dateTimeFormat.format(toDate(v)),
      number: (v, maximumFractionDigits = 1) => {
        // one formatter per precision: constructing Intl.NumberFormat costs more than formatting
        let format = numberFormats.get(maximumFractionDigits);
        if (format === undefined) {
          format = new Intl.NumberFormat(language, { maximumFractionDigits });
          numberFormats.set(maximumFractionDigits, format);
        }
        return format.format(v);
      },
    };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === null) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
