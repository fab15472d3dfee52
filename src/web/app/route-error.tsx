import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Alert, Button } from '../components/ui/index.js';
import { defineMessages } from '../lib/i18n.js';

const t = defineMessages({
  en: {
    failedTitle: 'Something went wrong',
    failedBody: 'The page could not be shown. Reloading usually helps; if it does not, try again in a few minutes.',
    reload: 'Reload the page',
  },
});

/** Catches a page that failed to load or render and offers a reload instead of a blank screen. */
export class PageErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('page failed', error, info.componentStack);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div style={{ maxWidth: 560, margin: '48px auto', padding: '0 16px' }} className="stack">
        <h1>{t('failedTitle')}</h1>
        <Alert>{t('failedBody')}</Alert>
        <div>
          <Button onClick={() => window.location.reload()}>{t('reload')}</Button>
        </div>
      </div>
    );
  }
}
