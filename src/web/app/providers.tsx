import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { ToastProvider } from '../components/ui/index.js';
import { ApiError } from '../lib/api-client.js';
import { BrandProvider } from '../lib/brand.js';
import { PageErrorBoundary } from './route-error.js';
import '../styles/base.css';

/** Retries only what may succeed on a second try: network trouble and 5xx, never a 4xx. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
      mutations: { retry: false },
    },
  });
}

/** Starts a front end: its app inside the shared providers, in #root. */
export function mount(app: ReactNode, queryClient = createQueryClient()): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing from the page');
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <BrandProvider>
          <ToastProvider>
            <PageErrorBoundary>{app}</PageErrorBoundary>
          </ToastProvider>
        </BrandProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
