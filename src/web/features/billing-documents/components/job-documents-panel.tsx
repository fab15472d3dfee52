import { Link, useLocation } from 'wouter';
import { Alert, Badge, Button, Card, CardHeader, Skeleton } from '../../../components/ui/index.js';
import { formatDay } from '../../../lib/format.js';
import { useLiveRefresh } from '../../../lib/live-events.js';
import { useCreateDocument } from '../api/create-document.js';
import { useJobDocuments } from '../api/list-documents.js';
import type { DocumentKind } from '../api/types.js';
import { formatMoney, statusLabel, statusTone } from './document-format.js';
import { t } from './messages.js';
import './billing-documents.css';

/**
 * The job page's "Estimates & invoices" card: each document with its status and total, and the
 * buttons that start a new one. Approvals and payments arrive as job events, so the list follows live.
 */
export function JobDocumentsPanel({ jobId }: { jobId: string }) {
  const documents = useJobDocuments(jobId);
  const create = useCreateDocument();
  const [, navigate] = useLocation();
  useLiveRefresh('/api/events', (event) => (event.data.jobId === jobId ? [['billing-documents', jobId]] : []));

  const start = (kind: DocumentKind) =>
    create.mutate({ jobId, kind }, { onSuccess: (document) => navigate(`/console/documents/${document.id}`) });

  return (
    <Card as="section" aria-labelledby="job-documents-title" className="billing-panel">
      <CardHeader
        title={<span id="job-documents-title">{t('panelTitle')}</span>}
        actions={
          <div className="row">
            <Button size="small" variant="secondary" onClick={() => start('estimate')} loading={create.isPending && create.variables?.kind === 'estimate'}>
              {t('newEstimate')}
            </Button>
            <Button size="small" variant="secondary" onClick={() => start('invoice')} loading={create.isPending && create.variables?.kind === 'invoice'}>
              {t('newInvoice')}
            </Button>
          </div>
        }
      />
      {create.isError && <Alert>{t('createError', { message: create.error.message })}</Alert>}
      {documents.isPending ? (
        <Skeleton height={60} />
      ) : documents.isError ? (
        <Alert>{t('listError', { message: documents.error.message })}</Alert>
      ) : documents.data.items.length === 0 ? (
        <p className="muted small">{t('noDocuments')}</p>
      ) : (
        <ul className="billing-panel__list">
          {documents.data.items.map((document) => (
            <li key={document.id} className="billing-panel__item">
              <div className="billing-panel__main">
                <Link href={`/console/documents/${document.id}`} className="billing-panel__number">
                  {t('documentHeading', { kind: document.kind === 'estimate' ? t('estimate') : t('invoice'), number: document.number })}
                </Link>
                {document.title && <span className="small muted billing-panel__title">{document.title}</span>}
                <span className="small muted">{formatDay(document.issuedAt ?? document.createdAt)}</span>
              </div>
              <div className="billing-panel__figures">
                <strong>{formatMoney(document.totalMinor, document.currency)}</strong>
                <span className="billing-panel__badges">
                  <Badge tone={statusTone(document.status)}>{statusLabel(document.status)}</Badge>
                  {document.shared && document.status !== 'draft' && <Badge>{t('sharedBadge')}</Badge>}
                </span>
                {document.kind === 'invoice' && document.status === 'open' && document.balanceMinor !== document.totalMinor && (
                  <span className="small muted">{t('balance', { amount: formatMoney(document.balanceMinor, document.currency) })}</span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
