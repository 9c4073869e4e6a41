import type { messagesEn } from './messages-en.ts';

export type MessageKey = keyof typeof messagesEn;
/** A catalogue: every key of the English one, each a string with optional `{name}` placeholders. */
export type Messages = { readonly [K in MessageKey]: string };

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Fills `{name}` placeholders. */
export function interpolate(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}
