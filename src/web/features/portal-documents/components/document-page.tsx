import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'wouter';
import { Alert, Badge, Button, ButtonLink, Card, CardHeader, Field, Skeleton, TextArea, TextInput } from '../../../components/ui/index.js';
import { MoneyTotals } from '../../../components/money-totals/index.js';
import { ApiError } from '../../../lib/api-client.js';
import { useProvideBrand } from '../../../lib/brand.js';
import { formatDateTime, formatDay } from '../../../lib/format.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { useLiveRefresh } from '../../../lib/live-events.js';
import { documentPdfUrl, payPageUrl, useDocument } from '../api/get-document.js';
import { useApproveEstimate, useDeclineEstimate } from '../api/respond-to-estimate.js';
import type { CustomerDocument } from '../api/types.js';
import { formatMoney, statusLabel, statusTone } from './document-format.js';
import { t } from './messages.js';
import './portal-documents.css';

type Option = CustomerDocument['options'][number];

/** /portal/jobs/:jobId/documents/:documentId — read an estimate or invoice; approve or decline an estimate. */
export function DocumentPage() {
  const { jobId = '', documentId = '' } = useParams<{ jobId: string; documentId: string }>();
  const document = useDocument(jobId, documentId);
  useLiveRefresh(jobId ? `/api/portal/jobs/${jobId}/events` : null, () => [['portal-document', jobId, documentId]]);
  useProvideBrand(document.data?.company);

  if (document.isPending) {
    return (
      <div className="portal-document stack" aria-busy="true">
        <Skeleton height={120} />
        <Skeleton height={260} />
      </div>
    );
  }
  if (document.isError) {
    const missing = document.error instanceof ApiError && [400, 401, 403, 404].includes(document.error.status);
    return (
      <Card className="portal-document stack">
        <h1>{missing ? t('notFoundTitle') : t('errorBody')}</h1>
        {missing && <p>{t('notFoundBody')}</p>}
        <div className="row">
          <ButtonLink variant="secondary" href={`/portal/jobs/${jobId}`}>
            {t('back')}
          </ButtonLink>
          {!missing && <Button onClick={() => void document.refetch()}>{t('retry')}</Button>}
        </div>
      </Card>
    );
  }
  return <DocumentView jobId={jobId} document={document.data} />;
}

function DocumentView({ jobId, document }: { jobId: string; document: CustomerDocument }) {
  const isEstimate = document.kind === 'estimate';
  const heading = t('heading', { kind: isEstimate ? t('estimate') : t('invoice'), number: document.number });
  useEffect(() => {
    window.document.title = `${heading} – ${document.company.name}`;
  }, [heading, document.company.name]);
  const several = document.options.length > 1;
  // Once answered, the estimate shows the option that was chosen.
  const shownOptions = document.chosenOptionId ? document.options.filter((o) => o.id === document.chosenOptionId) : document.options;
  const [chosen, setChosen] = useState<string | undefined>(several ? undefined : document.options[0]?.id);
  const chosenOption = document.options.find((o) => o.id === chosen);

  return (
    <div className="portal-document stack">
      <nav className="small">
        <Link href={`/portal/jobs/${jobId}`}>{t('back')}</Link>
      </nav>
      <Card as="section" className="portal-document__hero" aria-labelledby="document-heading">
        <div className="row-between portal-document__hero-top">
          <div className="stack-sm">
            <h1 id="document-heading">{heading}</h1>
            {document.title && <p className="portal-document__title">{document.title}</p>}
            <p className="small muted">
              {t('from', { company: document.company.name })}
              {document.issuedAt && <> · {t('issuedOn', { date: formatDay(document.issuedAt) })}</>}
              {document.kind === 'invoice' && document.dueAt && document.status === 'open' && <> · {t('dueOn', { date: formatDay(document.dueAt) })}</>}
            </p>
          </div>
          <Badge tone={statusTone(document.status)}>{statusLabel(document.status)}</Badge>
        </div>
        <div className="portal-document__amount">
          {several && !document.chosenOptionId ? (
            <>
              <span className="muted small">{t('dependsOnOption')}</span>
              <strong>{priceRange(document)}</strong>
            </>
          ) : (
            <>
              <span className="muted small">{document.kind === 'invoice' && document.status === 'open' ? t('balanceDue') : t('total')}</span>
              <strong>{formatMoney(document.kind === 'invoice' && document.status === 'open' ? document.balanceMinor : document.totalMinor, document.currency)}</strong>
            </>
          )}
        </div>
        <div className="portal-document__actions">
          {/* Payments (docs/payments.md) owns the pay page; this is only the way there. */}
          {document.payable && (
            <ButtonLink href={payPageUrl(jobId, document.id)} data-testid="pay-link">
              {t('pay', { amount: formatMoney(document.balanceMinor, document.currency) })}
            </ButtonLink>
          )}
          <ButtonLink variant="secondary" external href={documentPdfUrl(jobId, document.id)} target="_blank" rel="noreferrer" download={`${document.number}.pdf`}>
            {t('downloadPdf')}
          </ButtonLink>
        </div>
      </Card>

      <StatusNotice document={document} />

      {isEstimate && document.canRespond && several && <p className="portal-document__intro">{t('chooseIntro')}</p>}
      <div className={several && !document.chosenOptionId ? 'portal-document__options portal-document__options--several' : 'portal-document__options'}>
        {shownOptions.map((option) => (
          <OptionCard
            key={option.id}
            option={option}
            index={document.options.indexOf(option)}
            currency={document.currency}
            several={several}
            choosable={document.canRespond && several}
            selected={chosen === option.id}
            onChoose={() => setChosen(option.id)}
          />
        ))}
      </div>

      {document.kind === 'invoice' && document.amountPaidMinor > 0 && (
        <Card as="section">
          <dl className="portal-document__totals">
            <dt>{t('total')}</dt>
            <dd>{formatMoney(document.totalMinor, document.currency)}</dd>
            <dt>{t('paid')}</dt>
            <dd>−{formatMoney(document.amountPaidMinor, document.currency)}</dd>
            <dt className="portal-document__grand">{t('balanceDue')}</dt>
            <dd className="portal-document__grand">{formatMoney(document.balanceMinor, document.currency)}</dd>
          </dl>
        </Card>
      )}

      {(document.notes || document.terms) && (
        <Card as="section" className="stack-sm">
          {document.notes && (
            <>
              <h2 className="portal-document__subheading">{t('notes')}</h2>
              <p className="portal-document__text">{document.notes}</p>
            </>
          )}
          {document.terms && (
            <>
              <h2 className="portal-document__subheading">{t('terms')}</h2>
              <p className="portal-document__text small">{document.terms}</p>
            </>
          )}
        </Card>
      )}

      {isEstimate && document.canRespond && <RespondCard jobId={jobId} document={document} chosen={chosenOption} several={several} />}
    </div>
  );
}

/** "$235.34 – $648.42": the cheapest and dearest option. */
function priceRange(document: CustomerDocument): string {
  const totals = document.options.map((o) => o.totalMinor);
  const [low, high] = [Math.min(...totals), Math.max(...totals)];
  return low === high ? formatMoney(low, document.currency) : `${formatMoney(low, document.currency)} – ${formatMoney(high, document.currency)}`;
}

function StatusNotice({ document }: { document: CustomerDocument }) {
  if (document.status === 'approved' && document.approval) {
    const option = document.options.find((o) => o.id === document.chosenOptionId);
    return (
      <Alert tone="success">
        <p role="status">{t('approvedNotice', { time: formatDateTime(document.approval.approvedAt), name: document.approval.signerName })}</p>
        {option && document.options.length > 1 && <p>{t('approvedOptionNotice', { option: option.title })}</p>}
      </Alert>
    );
  }
  if (document.status === 'declined' && document.declined) return <Alert tone="info">{t('declinedNotice', { time: formatDateTime(document.declined.declinedAt) })}</Alert>;
  if (document.status === 'void') return <Alert tone="info">{t('voidNotice', { company: document.company.name })}</Alert>;
  if (document.status === 'paid') return <Alert tone="success">{t('paidNotice')}</Alert>;
  return null;
}

function OptionCard(props: { option: Option; index: number; currency: string; several: boolean; choosable: boolean; selected: boolean; onChoose(): void }) {
  const { option, index, currency, several, choosable, selected, onChoose } = props;
  const titleId = `option-title-${option.id}`;
  return (
    <Card as="section" aria-labelledby={titleId} className={['portal-option', selected && choosable ? 'portal-option--selected' : ''].join(' ')}>
      <CardHeader
        level={2}
        title={<span id={titleId}>{several ? (option.title ? option.title : t('optionNumber', { number: index + 1 })) : t('lines')}</span>}
        actions={selected && choosable ? <Badge tone="success">{t('chosen')}</Badge> : undefined}
      />
      {option.description && <p className="muted">{option.description}</p>}
      <ul className="portal-option__lines">
        {option.lines.map((line) => (
          <li key={line.id}>
            <span className="portal-option__line-main">
              <span>{line.description}</span>
              <span className="small muted">
                {t('lineDetail', { quantity: line.quantity, price: formatMoney(line.unitPriceMinor, currency) })}
                {line.discountMinor > 0 && <> · {t('lineDiscount', { amount: formatMoney(line.discountMinor, currency) })}</>}
              </span>
            </span>
            <span className="portal-option__line-amount">{formatMoney(line.netMinor, currency)}</span>
          </li>
        ))}
      </ul>
      <MoneyTotals totals={option} currency={currency} />
      {choosable && (
        <Button variant={selected ? 'primary' : 'secondary'} block aria-pressed={selected} onClick={onChoose}>
          {selected ? t('chosen') : t('chooseOption')}
        </Button>
      )}
    </Card>
  );
}

function RespondCard({ jobId, document, chosen, several }: { jobId: string; document: CustomerDocument; chosen: Option | undefined; several: boolean }) {
  const approve = useApproveEstimate(jobId, document.id);
  const decline = useDeclineEstimate(jobId, document.id);
  const [signerName, setSignerName] = useState('');
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [missingName, setMissingName] = useState(false);
  const [missingChoice, setMissingChoice] = useState(false);
  const errors = formErrors(approve.error, ['signerName', 'optionId']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissingName(!signerName.trim());
    setMissingChoice(several && !chosen);
    if (!signerName.trim() || (several && !chosen)) return;
    approve.mutate({ signerName: signerName.trim(), version: document.version, ...(chosen && several ? { optionId: chosen.id } : {}) });
  };

  if (declining) {
    return (
      <Card as="section" aria-labelledby="decline-title" className="stack">
        <h2 id="decline-title">{t('declineTitle')}</h2>
        {decline.isError && <Alert>{decline.error.message}</Alert>}
        <Field label={t('declineReason')} hint={t('declineReasonHint')}>
          <TextArea value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <div className="portal-document__buttons">
          <Button variant="danger" loading={decline.isPending} onClick={() => decline.mutate(reason.trim() ? { reason: reason.trim() } : {})}>
            {t('confirmDecline')}
          </Button>
          <Button variant="secondary" onClick={() => setDeclining(false)}>
            {t('cancel')}
          </Button>
        </div>
      </Card>
    );
  }

  return (
    <Card as="section" aria-labelledby="approve-title">
      <form className="stack" onSubmit={submit} noValidate>
        <h2 id="approve-title">{t('approveTitle')}</h2>
        <p className="muted">{t('approveBody')}</p>
        {errors.message && <Alert>{errors.message}</Alert>}
        {missingChoice && !chosen && <Alert>{t('pickFirst')}</Alert>}
        <Field label={t('signerName')} error={missingName && !signerName.trim() ? fieldMessage(t('signerName'), 'is required') : fieldMessage(t('signerName'), errors.fields.signerName)}>
          <TextInput value={signerName} autoComplete="name" maxLength={120} onChange={(e) => setSignerName(e.target.value)} />
        </Field>
        <div className="portal-document__buttons">
          <Button type="submit" size="large" loading={approve.isPending}>
            {chosen && several ? t('approveOption', { option: chosen.title }) : t('approve')}
          </Button>
          <Button variant="ghost" onClick={() => setDeclining(true)}>
            {t('decline')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
