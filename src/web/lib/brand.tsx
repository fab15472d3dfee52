import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { applyBrand } from './branding.js';
import { setTimeZone } from './format.js';
import { setLocale } from './i18n.js';

/** What a page shows of the service company: name, logo, colour, phone; and where its times are. */
export interface Brand {
  name: string;
  logoUrl: string | null;
  phone: string | null;
  brandColor: string;
  timezone?: string;
  locale?: string;
}

interface BrandState {
  brand: Brand | undefined;
  setBrand(brand: Brand): void;
}

const BrandContext = createContext<BrandState>({ brand: undefined, setBrand: () => undefined });

export function BrandProvider({ children }: { children: ReactNode }) {
  const [brand, setBrand] = useState<Brand>();
  return <BrandContext.Provider value={{ brand, setBrand }}>{children}</BrandContext.Provider>;
}

/** The company whose page this is, once a page has loaded it (headers show a placeholder until then). */
export const useBrand = () => useContext(BrandContext).brand;

/**
 * A page that loaded the company's details hands them to the layout. Time zone and language are set
 * during render, before any date on the page is formatted; colours and the header follow.
 */
export function useProvideBrand(brand: Brand | undefined): void {
  const { setBrand } = useContext(BrandContext);
  if (brand?.timezone) setTimeZone(brand.timezone);
  if (brand?.locale) setLocale(brand.locale);
  const key = brand && JSON.stringify(brand);
  useEffect(() => {
    if (!brand) return;
    applyBrand(brand.brandColor);
    setBrand(brand);
    // The key stands for the brand's content: a new object with the same values changes nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, setBrand]);
}
