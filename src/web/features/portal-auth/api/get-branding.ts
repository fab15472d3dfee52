import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';

export interface CompanyBranding {
  slug: string;
  name: string;
  logoUrl: string | null;
  brandColor: string;
  phone: string | null;
  locale: string;
  timezone: string;
}

/** A company's public branding: by slug, or the installation's only company when no slug is given. */
export const getBranding = (slug: string | null) => api<CompanyBranding>('GET', slug ? `/api/companies/${encodeURIComponent(slug)}/branding` : '/api/branding');

export const brandingQuery = (slug: string | null, enabled = true) => queryOptions({ queryKey: ['branding', slug], queryFn: () => getBranding(slug), staleTime: 10 * 60_000, enabled });

export const useBranding = (slug: string | null, enabled = true) => useQuery(brandingQuery(slug, enabled));
