import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { Alert, Badge, Button, ButtonLink, Card, CardHeader, Checkbox, Dialog, EmptyState, Field, Select, Skeleton, TextArea, TextInput, useToast } from '../../../components/ui/index.js';
import { MoneyTotals } from '../../../components/money-totals/index.js';
import { ApiError } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format.js';
import { useLiveRefresh } from '../../../lib/live-events.js';
import { useBillingSettings } from '../api/billing-settings.js';
import { useConvertToInvoice } from '../api/convert-document.js';
import { documentPdfUrl, useDocument } from '../api/get-document.js';
import { useShareDocument } from '../api/share-document.js';
import type { StaffDocument } from '../api/types.js';
import { useUpdateDocument } from '../api/update-document.js';
import { useVoidDocument } from '../api/void-document.js';
import { draftOf, newLine, newOption, parseDraft, type DiscountChoice, type Draft, type DraftLine, type DraftOption, type LineKind } from './document-draft.js';
import { formatMoney, statusLabel, statusTone } from './document-format.js';
import { t } from './messages.js';
import './billing-documents.css';

const LINE_KINDS: LineKind[] = ['service', 'part', 'labour', 'fee'];

/** Sharing is possible until voided; hiding again only until the customer answers or pays (the server says the same). */
function canToggleShare(document: StaffDocument): boolean {
  if (document.status === 'void') return false;
  if (!document.shared) return true;
  return document.kind === 'estimate' ? document.status === 'sent' : document.status === 'open' && document.amountPaidMinor === 0;
}

/** /console/documents/:documentId — write an estimate or invoice, share it, follow what the customer does. */
export function DocumentEditorPage() {
  const { documentId = '' } = useParams<{ documentId: string }>();
  const document = useDocument(documentId);
  useLiveRefresh('/api/events', (event) => (document.data && event.data.jobId === document.data.jobId ? [['billing-document', documentId]] : []));

  if (document.isPending) return <Skeleton height={480} />;
  if (document.isError) {
    const missing = document.error instanceof ApiError && document.error.status === 404;
    return missing ? (
      <EmptyState title={t('notFound')} />
    ) : (
      <Alert>
        <div className="row-between">
          <span>{t('loadError', { message: document.error.message })}</span>
          <Button size="small" variant="secondary" onClick={() => void document.refetch()}>
            {t('retry')}
          </Button>
        </div>
      </Alert>
    );
  }
  return <Editor key={document.data.id} document={document.data} onReload={() => void document.refetch()} />;
}

function Editor({ document, onReload }: { document: StaffDocument; onReload(): void }) {
  const toast = useToast();
  const [, navigate] = useLocation();
  const settings = useBillingSettings();
  const defaultTaxRateBp = settings.data?.defaultTaxRateBp ?? 0;
  const [draft, setDraft] = useState<Draft>(() => draftOf(document));
  const [dirty, setDirty] = useState(false);
  const [confirmVoid, setConfirmVoid] = useState(false);
  const update = useUpdateDocument(document.id);
  const share = useShareDocument(document.id);
  const voiding = useVoidDocument(document.id);
  const convert = useConvertToInvoice(document.id);

  // Someone else's change (or the customer's approval) arrives live: take it unless the person is typing.
  useEffect(() => {
    if (!dirty) setDraft(draftOf(document));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [document.version]);

  const parsed = useMemo(() => parseDraft(draft, document), [draft, document]);
  const [showErrors, setShowErrors] = useState(false);
  const serverErrors = update.error instanceof ApiError ? update.error.fieldErrors : {};
  const errorOf = (field: string) => (showErrors ? parsed.errors[field] : undefined) ?? (dirty ? undefined : serverErrors[field]);
  const conflict = [update.error, share.error].some((e) => e instanceof ApiError && e.code === 'VERSION_CONFLICT');
  const editable = document.editable;
  const isEstimate = document.kind === 'estimate';
  const kindLabel = isEstimate ? t('estimate') : t('invoice');

  const change = (next: (draft: Draft) => Draft) => {
    setDraft(next);
    setDirty(true);
  };
  const changeOption = (index: number, patch: Partial<DraftOption>) => change((d) => ({ ...d, options: d.options.map((o, i) => (i === index ? { ...o, ...patch } : o)) }));
  const changeLine = (optionIndex: number, lineIndex: number, patch: Partial<DraftLine>) =>
    change((d) => ({ ...d, options: d.options.map((o, i) => (i === optionIndex ? { ...o, lines: o.lines.map((l, j) => (j === lineIndex ? { ...l, ...patch } : l)) } : o)) }));

  const save = async (): Promise<boolean> => {
    if (!dirty) return true;
    setShowErrors(true);
    if (!parsed.input) return false;
    try {
      const saved = await update.mutateAsync(parsed.input);
      setDirty(false);
      setShowErrors(false);
      setDraft(draftOf(saved));
      return true;
    } catch {
      return false;
    }
  };

  const shareAndSend = async () => {
    if (!(await save())) return;
    share.mutate(true, { onSuccess: () => toast.show(t('sharedNotice')) });
  };

  const toggleShare = (on: boolean) => {
    if (on) return void shareAndSend();
    share.mutate(false, { onSuccess: () => toast.show(t('unsharedNotice')) });
  };

  const several = draft.options.length > 1;
  const chosenOption = document.options.find((o) => o.id === document.chosenOptionId);
  const canConvert = isEstimate && !document.convertedInvoiceId && (document.status === 'approved' || ((document.status === 'draft' || document.status === 'sent') && document.options.length === 1));

  return (
    <div className="billing-editor">
      <nav className="small" aria-label="Breadcrumb">
        <Link href={`/console/jobs/${document.jobId}`}>{t('backToJob', { reference: document.jobReference })}</Link>
      </nav>
      <header className="billing-editor__header">
        <div className="stack-sm">
          <h1>{t('documentHeading', { kind: kindLabel, number: document.number })}</h1>
          <div className="row billing-editor__badges">
            <Badge tone={statusTone(document.status)}>{statusLabel(document.status)}</Badge>
            <Badge tone={document.shared ? 'info' : 'neutral'}>{document.shared ? t('sharedBadge') : t('notSharedBadge')}</Badge>
            {dirty && <Badge tone="warning">{t('unsaved')}</Badge>}
          </div>
          <p className="small muted">
            {t('customer')}: <Link href={`/console/customers/${document.customer.id}`}>{document.customer.name}</Link> · {t('job')}: <Link href={`/console/jobs/${document.jobId}`}>{document.jobReference}</Link>
          </p>
        </div>
        <div className="billing-editor__actions" role="group" aria-label={kindLabel}>
          {editable && (
            <Button variant="secondary" onClick={() => void save()} loading={update.isPending} disabled={!dirty}>
              {t('save')}
            </Button>
          )}
          {!document.shared && document.status !== 'void' && (
            <Button onClick={() => void shareAndSend()} loading={share.isPending} title={t('shareHint')}>
              {t('shareAndSend')}
            </Button>
          )}
          <ButtonLink variant="secondary" external href={documentPdfUrl(document.id)} target="_blank" rel="noreferrer">
            {t('pdf')}
          </ButtonLink>
          {canConvert && (
            <Button variant="secondary" loading={convert.isPending} onClick={() => convert.mutate(undefined, { onSuccess: (invoice) => { toast.show(t('converted', { number: invoice.number })); navigate(`/console/documents/${invoice.id}`); } })}>
              {t('convert')}
            </Button>
          )}
          {document.convertedInvoiceId && (
            <ButtonLink variant="secondary" href={`/console/documents/${document.convertedInvoiceId}`}>
              {t('viewInvoice')}
            </ButtonLink>
          )}
          {document.status !== 'void' && document.status !== 'paid' && !document.convertedInvoiceId && document.amountPaidMinor === 0 && (
            <Button variant="ghost" className="billing-editor__void" onClick={() => setConfirmVoid(true)}>
              {t('void')}
            </Button>
          )}
        </div>
      </header>

      {conflict && (
        <Alert>
          <div className="row-between">
            <span>{t('conflict')}</span>
            <Button size="small" variant="secondary" onClick={() => { update.reset(); share.reset(); setDirty(false); onReload(); }}>
              {t('reload')}
            </Button>
          </div>
        </Alert>
      )}
      {[update.error, share.error, voiding.error, convert.error].map((error, i) =>
        // Field problems are also shown at their line; the sentence still says what to fix ("lines: must not be empty…").
        error && !(error instanceof ApiError && error.code === 'VERSION_CONFLICT') ? <Alert key={i}>{error.message}</Alert> : null,
      )}
      {document.approval && (
        <Alert tone="success">
          {t('approvedBy', {
            name: document.approval.signerName,
            time: formatDateTime(document.approval.approvedAt),
            option: chosenOption && document.options.length > 1 ? t('approvedOption', { title: chosenOption.title }) : '',
            ip: document.approvalIp ?? '—',
          })}
          {document.resultingJobId && (
            <>
              {' '}
              <Link href={`/console/jobs/${document.resultingJobId}`}>{t('openJob')}</Link>
            </>
          )}
        </Alert>
      )}
      {document.declined && <Alert>{document.declined.reason ? t('declinedReason', { time: formatDateTime(document.declined.declinedAt), reason: document.declined.reason }) : t('declinedAt', { time: formatDateTime(document.declined.declinedAt) })}</Alert>}
      {document.voidedAt && <Alert tone="info">{t('voidedAt', { time: formatDateTime(document.voidedAt) })}</Alert>}
      {document.sourceEstimateId && (
        <p className="small muted">
          {t('fromEstimate')} <Link href={`/console/documents/${document.sourceEstimateId}`}>{t('viewEstimate')}</Link>
        </p>
      )}
      {!editable && document.status !== 'void' && <p className="small muted">{t('locked', { kind: kindLabel.toLowerCase() })}</p>}

      <Card as="section" className="stack">
        <div className="billing-editor__meta">
          <Field label={t('titleLabel')} hint={t('titleHint')} error={errorOf('title')}>
            <TextInput value={draft.title} maxLength={200} disabled={!editable} onChange={(e) => change((d) => ({ ...d, title: e.target.value }))} />
          </Field>
          {document.kind === 'invoice' && (
            <Field label={t('dueDate')} error={errorOf('dueAt')}>
              <TextInput type="date" value={draft.dueDate} disabled={!editable} onChange={(e) => change((d) => ({ ...d, dueDate: e.target.value }))} />
            </Field>
          )}
          <Checkbox label={t('shareSwitch')} checked={document.shared} disabled={share.isPending || !canToggleShare(document)} onChange={(e) => toggleShare(e.target.checked)} />
        </div>
      </Card>

      {draft.options.map((option, optionIndex) => (
        <OptionEditor
          key={option.key}
          option={option}
          index={optionIndex}
          several={several}
          document={document}
          editable={editable}
          totals={parsed.totals[optionIndex]}
          chosen={document.chosenOptionId !== null && document.options[optionIndex]?.id === document.chosenOptionId}
          errorOf={errorOf}
          onChange={(patch) => changeOption(optionIndex, patch)}
          onChangeLine={(lineIndex, patch) => changeLine(optionIndex, lineIndex, patch)}
          onAddLine={() => changeOption(optionIndex, { lines: [...option.lines, newLine(defaultTaxRateBp)] })}
          onRemoveLine={(lineIndex) => changeOption(optionIndex, { lines: option.lines.filter((_, i) => i !== lineIndex) })}
          onRemove={() => change((d) => ({ ...d, options: d.options.filter((_, i) => i !== optionIndex) }))}
        />
      ))}
      {isEstimate && editable && draft.options.length < 5 && (
        <div className="billing-editor__add-option">
          <Button
            variant="secondary"
            onClick={() =>
              change((d) => ({
                ...d,
                options: [...d.options.map((o, i) => (i === 0 && !o.title && d.options.length === 1 ? { ...o, title: t('option', { number: 1 }) } : o)), { ...newOption(t('option', { number: d.options.length + 1 })), lines: [newLine(defaultTaxRateBp)] }],
              }))
            }
          >
            {t('addOption')}
          </Button>
          <span className="small muted">{t('addOptionHint')}</span>
        </div>
      )}

      <Card as="section" className="stack">
        <Field label={t('notes')} error={errorOf('notes')}>
          <TextArea value={draft.notes} maxLength={5000} disabled={!editable} onChange={(e) => change((d) => ({ ...d, notes: e.target.value }))} />
        </Field>
        <Field label={t('terms')} error={errorOf('terms')}>
          <TextArea value={draft.terms} maxLength={5000} disabled={!editable} onChange={(e) => change((d) => ({ ...d, terms: e.target.value }))} />
        </Field>
        {editable && (
          <div className="row">
            <Button onClick={() => void save()} loading={update.isPending} disabled={!dirty}>
              {t('save')}
            </Button>
          </div>
        )}
      </Card>

      <Dialog open={confirmVoid} title={t('voidConfirmTitle', { number: document.number })} onClose={() => setConfirmVoid(false)}>
        <p>{t('voidConfirmBody', { kind: kindLabel.toLowerCase() })}</p>
        <div className="row">
          <Button variant="danger" loading={voiding.isPending} onClick={() => voiding.mutate(undefined, { onSettled: () => setConfirmVoid(false) })}>
            {t('voidConfirm')}
          </Button>
          <Button variant="secondary" onClick={() => setConfirmVoid(false)}>
            {t('cancel')}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}

interface OptionEditorProps {
  option: DraftOption;
  index: number;
  several: boolean;
  document: StaffDocument;
  editable: boolean;
  totals: ReturnType<typeof parseDraft>['totals'][number];
  chosen: boolean;
  errorOf(field: string): string | undefined;
  onChange(patch: Partial<DraftOption>): void;
  onChangeLine(index: number, patch: Partial<DraftLine>): void;
  onAddLine(): void;
  onRemoveLine(index: number): void;
  onRemove(): void;
}

function OptionEditor({ option, index, several, document, editable, totals, chosen, errorOf, onChange, onChangeLine, onAddLine, onRemoveLine, onRemove }: OptionEditorProps) {
  const prefix = several ? `options[${index}].` : '';
  const headingId = `option-${option.key}`;
  const currency = document.currency;
  return (
    <Card as="section" aria-labelledby={headingId} className={['billing-option', chosen ? 'billing-option--chosen' : ''].join(' ')}>
      <CardHeader
        title={<span id={headingId}>{several ? `${t('option', { number: index + 1 })}${option.title ? ` · ${option.title}` : ''}` : t('lines')}</span>}
        actions={
          <div className="row">
            {chosen && <Badge tone="success">{statusLabel('approved')}</Badge>}
            {several && editable && (
              <Button size="small" variant="ghost" onClick={onRemove}>
                {t('removeOption', { number: index + 1 })}
              </Button>
            )}
          </div>
        }
      />
      {several && (
        <div className="billing-option__head">
          <Field label={t('optionTitle')} error={errorOf(`${prefix}title`)}>
            <TextInput value={option.title} maxLength={120} disabled={!editable} onChange={(e) => onChange({ title: e.target.value })} />
          </Field>
          <Field label={t('optionDescription')}>
            <TextInput value={option.description} maxLength={2000} disabled={!editable} onChange={(e) => onChange({ description: e.target.value })} />
          </Field>
        </div>
      )}
      {option.lines.length === 0 ? (
        <p className="muted small">{t('noLines')}</p>
      ) : (
        <div className="billing-lines">
          <div className="billing-lines__row billing-lines__row--head" aria-hidden="true">
            {[t('kind'), t('description'), t('quantity'), t('unitPrice'), t('discount'), t('tax'), t('amount'), ''].map((label, i) => (
              <span key={i}>{label}</span>
            ))}
          </div>
          {option.lines.map((line, lineIndex) => {
            const field = `${prefix}lines[${lineIndex}]`;
            const computed = totals?.lines[lineIndex];
            const label = (name: string) => `${name}, line ${lineIndex + 1}`;
            const problems = [errorOf(`${field}.description`), errorOf(`${field}.quantity`), errorOf(`${field}.unitPriceMinor`), errorOf(`${field}.discount.value`), errorOf(`${field}.taxRateBp`)].filter(Boolean);
            return (
              <div key={line.key} className="billing-lines__row" role="group" aria-label={t('lineNumber', { number: lineIndex + 1 })}>
                <Select aria-label={label(t('kind'))} value={line.kind} disabled={!editable} onChange={(e) => onChangeLine(lineIndex, { kind: e.target.value as LineKind })}>
                  {LINE_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`kind_${kind}`)}
                    </option>
                  ))}
                </Select>
                <TextInput aria-label={label(t('description'))} aria-invalid={errorOf(`${field}.description`) ? true : undefined} value={line.description} maxLength={500} disabled={!editable} onChange={(e) => onChangeLine(lineIndex, { description: e.target.value })} />
                <TextInput aria-label={label(t('quantity'))} aria-invalid={errorOf(`${field}.quantity`) ? true : undefined} inputMode="decimal" value={line.quantity} disabled={!editable} onChange={(e) => onChangeLine(lineIndex, { quantity: e.target.value })} />
                <TextInput aria-label={label(t('unitPrice'))} aria-invalid={errorOf(`${field}.unitPriceMinor`) ? true : undefined} inputMode="decimal" value={line.unitPrice} placeholder="0.00" disabled={!editable} onChange={(e) => onChangeLine(lineIndex, { unitPrice: e.target.value })} />
                <span className="billing-lines__discount">
                  <Select aria-label={label(t('discount'))} value={line.discountKind} disabled={!editable} onChange={(e) => onChangeLine(lineIndex, { discountKind: e.target.value as DiscountChoice })}>
                    <option value="">{t('discountNone')}</option>
                    <option value="percent">{t('discountPercent')}</option>
                    <option value="amount">{t('discountAmount')}</option>
                  </Select>
                  {line.discountKind && (
                    <TextInput aria-label={label(t('discountValue'))} aria-invalid={errorOf(`${field}.discount.value`) ? true : undefined} inputMode="decimal" value={line.discountValue} disabled={!editable} onChange={(e) => onChangeLine(lineIndex, { discountValue: e.target.value })} />
                  )}
                </span>
                <TextInput aria-label={label(t('tax'))} aria-invalid={errorOf(`${field}.taxRateBp`) ? true : undefined} inputMode="decimal" value={line.taxRate} disabled={!editable} onChange={(e) => onChangeLine(lineIndex, { taxRate: e.target.value })} />
                <span className="billing-lines__amount">
                  {computed ? formatMoney(computed.netMinor, currency) : '—'}
                </span>
                {editable ? (
                  <Button size="small" variant="ghost" aria-label={t('removeLine', { number: lineIndex + 1 })} onClick={() => onRemoveLine(lineIndex)}>
                    ×
                  </Button>
                ) : (
                  <span />
                )}
                {problems.length > 0 && (
                  <span className="billing-lines__error" role="alert">
                    {problems.join(' · ')}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      )}
      <div className="billing-option__footer">
        <div className="stack-sm">
          {editable && (
            <div>
              <Button size="small" variant="secondary" onClick={onAddLine}>
                {t('addLine')}
              </Button>
            </div>
          )}
          <div className="billing-option__discount">
            <Field label={t('documentDiscount', { kind: document.kind === 'estimate' ? t('estimate').toLowerCase() : t('invoice').toLowerCase() })} error={errorOf(several ? `${prefix}discount.value` : 'discount.value')}>
              <Select value={option.discountKind} disabled={!editable} onChange={(e) => onChange({ discountKind: e.target.value as DiscountChoice })}>
                <option value="">{t('discountNone')}</option>
                <option value="percent">{t('discountPercent')}</option>
                <option value="amount">{t('discountAmount')}</option>
              </Select>
            </Field>
            {option.discountKind && (
              <Field label={t('discountValue')}>
                <TextInput inputMode="decimal" value={option.discountValue} disabled={!editable} onChange={(e) => onChange({ discountValue: e.target.value })} />
              </Field>
            )}
          </div>
        </div>
        <Totals totals={totals} currency={currency} paidMinor={document.kind === 'invoice' ? document.amountPaidMinor : 0} />
      </div>
    </Card>
  );
}

function Totals({ totals, currency, paidMinor }: { totals: ReturnType<typeof parseDraft>['totals'][number]; currency: string; paidMinor: number }) {
  if (!totals) return <p className="small muted billing-totals">{t('totalInvalid')}</p>;
  return <MoneyTotals className="billing-totals" totals={totals} currency={currency} paidMinor={paidMinor} live />;
}
