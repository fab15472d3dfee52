import { Link } from 'wouter';
import { Badge, Card, CardHeader } from '../../../components/ui/index.js';
import { formatDay } from '../../../lib/format.js';
import { useLiveRefresh } from '../../../lib/live-events.js';
import { useJobDocuments } from '../api/list-job-documents.js';
import { formatMoney, statusLabel, statusTone } from './document-format.js';
import { t } from './messages.js';
import './portal-documents.css';

/**
 * The job page's "Estimates & invoices": what the company shared for this job, each linking to its
 * page. Nothing is shown until something is shared, so the job page stays short.
 */
export function JobDocumentsSection({ jobId }: { jobId: string }) {
  const documents = useJobDocuments(jobId);
  useLiveRefresh(`/api/portal/jobs/${jobId}/events`, () => [['portal-documents', jobId]]);
  const items = documents.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card as="section" aria-labelledby="job-documents-title">
      <CardHeader title={<span id="job-documents-title">{t('sectionTitle')}</span>} />
      <ul className="portal-documents__list">
        {items.map((document) => (
          <li key={document.id}>
            <Link href={`/portal/jobs/${jobId}/documents/${document.id}`} className="portal-documents__item">
              <span className="portal-documents__item-main">
                <strong>{t('heading', { kind: document.kind === 'estimate' ? t('estimate') : t('invoice'), number: document.number })}</strong>
                {document.title && <span className="muted small">{document.title}</span>}
                <span className="muted small">
                  {document.kind === 'invoice' && document.status === 'open' && document.dueAt ? t('dueOn', { date: formatDay(document.dueAt) }) : document.issuedAt ? t('issuedOn', { date: formatDay(document.issuedAt) }) : null}
                </span>
              </span>
              <span className="portal-documents__item-side">
                <strong>{formatMoney(document.kind === 'invoice' && document.status === 'open' ? document.balanceMinor : document.totalMinor, document.currency)}</strong>
                <Badge tone={statusTone(document.status)}>{statusLabel(document.status)}</Badge>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
