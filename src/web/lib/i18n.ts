/**
 * Copy as whole sentences with named placeholders (`{name} is on the way`), so a translator sees
 * the sentence, never fragments glued together. Each feature keeps its own messages; English is
 * the reference language and the fallback for any missing sentence.
 */
type Catalog = Record<string, string>;
type Params = Record<string, string | number>;

let currentLocale = typeof navigator === 'undefined' ? 'en' : navigator.language;

/** The language pages are shown in: the company's or the customer's, once known. */
export function setLocale(locale: string): void {
  currentLocale = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale.split('-')[0] ?? 'en';
}

export function getLocale(): string {
  return currentLocale;
}

function fill(template: string, params: Params | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Defines a feature's messages; the answer translates a key into the current language. */
export function defineMessages<T extends Catalog>(catalogs: { en: T } & Record<string, Partial<T>>) {
  return (key: keyof T & string, params?: Params): string => {
    const language = currentLocale.split('-')[0] ?? 'en';
    const template = catalogs[currentLocale]?.[key] ?? catalogs[language]?.[key] ?? catalogs.en[key];
    return fill(template as string, params);
  };
}
