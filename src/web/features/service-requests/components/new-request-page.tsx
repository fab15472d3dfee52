import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Redirect, useLocation } from 'wouter';
import { Alert, Button, Card, Checkbox, Field, PageHeader, PhotoPicker, Skeleton, TextArea, TextInput, usePhotoUploads } from '../../../components/ui/index.js';
import { hasLaterDates, slotTakenAlternatives, TakenWindowAlert, TechnicianChoice, useWindowRange, WindowPicker, type PickableWindow } from '../../../components/window-picker/index.js';
import { ApiError } from '../../../lib/api-client.js';
import type { Location, Priority } from '../../../lib/api-types.js';
import { dateKey, zonedToIso } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { priorityLabel, PRIORITY_LIST } from '../../../lib/job-status.js';
import { useCatalogue, type CatalogueItem } from '../api/get-catalogue.js';
import { requestAvailabilityKey, useRequestAvailability } from '../api/get-request-availability.js';
import { usePortalMe } from '../../../lib/portal-me.js';
import { useSubmitRequest, type ServiceRequestInput } from '../api/submit-request.js';
import { uploadRequestFile } from '../api/upload-request-file.js';
import { slaAcknowledgement, slaSentence } from './sla.js';
import './service-requests.css';

const t = defineMessages({
  en: {
    title: 'Request service',
    subtitle: 'Tell us what you need. It takes about two minutes, and you get a reference number right away.',
    step1: 'What do you need?',
    step2: 'Describe the problem',
    step3: 'How urgent is it?',
    step4: 'Where should we come?',
    step5: 'Choose an arrival window',
    step6: 'Photos',
    optional: '(optional)',
    service: 'Service',
    description: 'Description',
    descriptionHint: 'What happened, since when, any error code or noise. The more we know, the better we come prepared.',
    priority: 'Priority',
    priorityHint: 'Choose a service first to see our response times.',
    low: 'Low: it can wait',
    normal: 'Normal: soon, it is not urgent',
    high: 'High: it is getting in the way',
    emergency: 'Emergency: danger or serious damage',
    acknowledgeField: 'Response time',
    savedAddress: 'Service address',
    otherAddress: 'Another address',
    line1: 'Street address',
    line2: 'Apartment, suite, floor (optional)',
    city: 'City',
    region: 'State or region (optional)',
    postalCode: 'Postal code',
    country: 'Country code',
    countryHint: 'Two letters, for example US.',
    accessNotes: 'Access notes (optional)',
    accessNotesHint: 'Gate code, where to park, pets at home.',
    windowsIntro: 'Add up to five times that suit you. We will do our best to book one of them.',
    pickerLabel: 'Arrival window',
    pickerIntro: 'Choose when our technician should arrive: tap a day, then a time. It is booked as soon as you send your request.',
    pickerOptional: 'No time suits you? Send the request without choosing one, and we will call you to arrange a visit.',
    pickerNeedsChoices: 'Choose the service and the address above to see the times we can come.',
    pickerNewAddress: 'We can show open times for your saved addresses only. For this address, tell us when suits you and we will call you to confirm a time.',
    pickerLoadError: 'We could not load the open times. Try again, or tell us below when suits you and we will call you.',
    pickerNone: 'You can still send your request: we will call you to arrange a visit. If you like, tell us below when suits you.',
    clearChoice: 'Send without a time',
    bookingField: 'Arrival window',
    window: 'Preferred time {number}',
    day: 'Day',
    from: 'From',
    to: 'To',
    removeWindow: 'Remove preferred time {number}',
    remove: 'Remove',
    addWindow: 'Add a preferred time',
    photosIntro: 'A photo of the problem, the model plate or an error message helps the technician bring the right parts.',
    photos: 'Add photos',
    photosHint: 'Photos or PDF documents, up to 10 MB each, at most 10.',
    submit: 'Send request',
    summaryTitle: 'Please fix the following before sending:',
    // Local checks, whole sentences
    categoryRequired: 'Choose the service you need.',
    descriptionRequired: 'Describe the problem.',
    priorityRequired: 'Choose how urgent it is.',
    ackRequired: 'Confirm you have read the response time for this priority.',
    addressRequired: 'Choose an address or enter another one.',
    addressCheck: 'We could not use this address. Check each line of it and send again.',
    line1Required: 'Enter the street address.',
    cityRequired: 'Enter the city.',
    postalCodeRequired: 'Enter the postal code.',
    countryInvalid: 'Enter the two-letter country code, for example US.',
    dayRequired: 'Choose a day.',
    fromRequired: 'Choose a start time.',
    toRequired: 'Choose an end time.',
    toAfterFrom: 'The end time must be after the start time.',
    windowPast: 'Choose a time in the future.',
    waitUploads: 'Wait until your photos have finished uploading.',
    removeFailed: 'Remove the files that could not be uploaded.',
    loadError: 'We could not load the request form. Check your connection and try again.',
    retry: 'Try again',
    documentTitle: 'Request service',
  },
});

interface WindowRow {
  key: number;
  date: string;
  from: string;
  to: string;
}

interface Draft {
  categoryId: string;
  description: string;
  priority: Priority;
  slaAcknowledged: boolean;
  /** A saved location's id, or 'new'. */
  place: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  accessNotes: string;
  windows: WindowRow[];
  /** The offered window to book with the request, if the customer chose one. */
  booking: PickableWindow | null;
  /** Who should come, when the company lets customers choose; '' (or missing) for any technician. */
  technicianId?: string;
}

type Errors = Record<string, string>;

/** The order of the fields on the page, so the error summary lists problems top to bottom. */
const FIELD_ORDER = ['categoryId', 'description', 'priority', 'slaAcknowledged', 'location', 'location.locationId', 'location.line1', 'location.line2', 'location.city', 'location.region', 'location.postalCode', 'location.country', 'location.accessNotes', 'booking.windowStart'];
const order = (key: string) => {
  const index = FIELD_ORDER.indexOf(key);
  if (index >= 0) return index;
  const row = /^preferredWindows\[(\d+)\]/.exec(key);
  return row ? 100 + Number(row[1]) * 3 + (key.endsWith('end') ? 2 : key.endsWith('date') ? 0 : 1) : 200;
};

/** The id of the wrapper around a field: the error summary links to it and focuses its control. */
const anchorOf = (key: string) => `request-${key.replace(/[^a-zA-Z0-9]+/g, '-')}`;

/** Where the summary sends a problem: a window's day and start share its row; the locationId is the address choice. */
function targetOf(key: string): string {
  const row = /^preferredWindows\[(\d+)\](\.(\w+))?$/.exec(key);
  if (row) return anchorOf(`preferredWindows[${row[1]}].${row[3] === 'end' ? 'end' : 'start'}`);
  if (key === 'location.locationId') return anchorOf('location');
  return anchorOf(key);
}

function labelOf(key: string): string {
  const row = /^preferredWindows\[(\d+)\]\.?(\w*)/.exec(key);
  if (row) return t('window', { number: Number(row[1]) + 1 });
  const labels: Record<string, string> = {
    categoryId: t('service'),
    description: t('description'),
    priority: t('priority'),
    slaAcknowledged: t('acknowledgeField'),
    location: t('savedAddress'),
    'location.locationId': t('savedAddress'),
    'location.line1': t('line1'),
    'location.line2': t('line2'),
    'location.city': t('city'),
    'location.region': t('region'),
    'location.postalCode': t('postalCode'),
    'location.country': t('country'),
    'location.accessNotes': t('accessNotes'),
    'booking.windowStart': t('bookingField'),
    attachmentIds: t('photos'),
  };
  return labels[key] ?? key;
}

/** A server message is a fragment ("is required"); ours are sentences. */
const sentence = (key: string, message: string) => (/^[A-Z]/.test(message) ? message : `${labelOf(key)} ${message}`);

const todayKey = () => dateKey(new Date());

/**
 * The address is "a saved one or a new one" (a union): the API reports the failures of both
 * branches. Keep those of the branch this form sent, so a new address's problems show on its
 * fields and not as "is not a known field".
 */
function withoutUnionNoise(fields: Errors, sentSavedAddress: boolean): Errors {
  const kept = Object.entries(fields).filter(([key, message]) => {
    if (!key.startsWith('location')) return true;
    if (key === 'location') return false;
    if (message === 'is not a known field') return false;
    return sentSavedAddress ? key === 'location.locationId' : key !== 'location.locationId';
  });
  return Object.fromEntries(kept);
}

/** `withPreferred`: the preferred times are on the page (no window offered or chosen), so they are checked and sent. */
function validate(draft: Draft, hasSavedPlaces: boolean, withPreferred: boolean): Errors {
  const errors: Errors = {};
  if (!draft.categoryId) errors.categoryId = t('categoryRequired');
  if (!draft.description.trim()) errors.description = t('descriptionRequired');
  if (!draft.priority) errors.priority = t('priorityRequired');
  if (draft.categoryId && !draft.slaAcknowledged) errors.slaAcknowledged = t('ackRequired');
  if (hasSavedPlaces && !draft.place) errors.location = t('addressRequired');
  if (draft.place === 'new' || !hasSavedPlaces) {
    if (!draft.line1.trim()) errors['location.line1'] = t('line1Required');
    if (!draft.city.trim()) errors['location.city'] = t('cityRequired');
    if (!draft.postalCode.trim()) errors['location.postalCode'] = t('postalCodeRequired');
    if (!/^[A-Z]{2}$/.test(draft.country.trim().toUpperCase())) errors['location.country'] = t('countryInvalid');
  }
  if (withPreferred) draft.windows.forEach((row, index) => {
    const base = `preferredWindows[${index}]`;
    if (!row.date) errors[`${base}.date`] = t('dayRequired');
    if (!row.from) errors[`${base}.start`] = t('fromRequired');
    if (!row.to) errors[`${base}.end`] = t('toRequired');
    if (row.date && row.from && row.to) {
      const start = zonedToIso(row.date, row.from);
      const end = zonedToIso(row.date, row.to);
      if (end <= start) errors[`${base}.end`] = t('toAfterFrom');
      else if (new Date(end).getTime() <= Date.now()) errors[`${base}.end`] = t('windowPast');
    }
  });
  return errors;
}

function toBody(draft: Draft, hasSavedPlaces: boolean, attachmentIds: string[], withPreferred: boolean): ServiceRequestInput {
  const optional = (value: string) => (value.trim() ? value.trim() : null);
  return {
    categoryId: draft.categoryId,
    description: draft.description.trim(),
    priority: draft.priority,
    slaAcknowledged: draft.slaAcknowledged,
    location:
      hasSavedPlaces && draft.place !== 'new'
        ? { locationId: draft.place }
        : {
            line1: draft.line1.trim(),
            line2: optional(draft.line2),
            city: draft.city.trim(),
            region: optional(draft.region),
            postalCode: draft.postalCode.trim(),
            country: draft.country.trim().toUpperCase(),
            accessNotes: optional(draft.accessNotes),
          },
    preferredWindows: withPreferred ? draft.windows.map((row) => ({ start: zonedToIso(row.date, row.from), end: zonedToIso(row.date, row.to) })) : [],
    attachmentIds,
    ...(draft.booking ? { booking: { windowStart: draft.booking.start, ...(draft.technicianId && draft.booking.technicians?.some((x) => x.id === draft.technicianId) ? { technicianId: draft.technicianId } : {}) } } : {}),
  };
}

/** /portal/requests/new — the guided request form. */
export function NewRequestPage() {
  const me = usePortalMe();
  const catalogue = useCatalogue();
  useEffect(() => {
    document.title = t('documentTitle');
  }, []);

  if (me.isSuccess && me.data === null) return <Redirect to="/portal/sign-in" replace />;
  if (catalogue.error instanceof ApiError && (catalogue.error.status === 401 || catalogue.error.status === 403)) return <Redirect to="/portal/sign-in" replace />;

  return (
    <div className="stack">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      {me.isError || catalogue.isError ? (
        <Alert>
          <span className="row-between">
            {t('loadError')}
            <Button
              size="small"
              variant="secondary"
              onClick={() => {
                void me.refetch();
                void catalogue.refetch();
              }}
            >
              {t('retry')}
            </Button>
          </span>
        </Alert>
      ) : me.data && catalogue.data ? (
        <RequestForm categories={catalogue.data.items} locations={me.data.locations} />
      ) : (
        <FormSkeleton />
      )}
    </div>
  );
}

function RequestForm({ categories, locations }: { categories: CatalogueItem[]; locations: Location[] }) {
  const [, navigate] = useLocation();
  const hasSavedPlaces = locations.length > 0;
  const [draft, setDraft] = useState<Draft>(() => ({
    categoryId: categories.length === 1 ? categories[0]!.id : '',
    description: '',
    priority: 'normal',
    slaAcknowledged: false,
    place: locations.length === 1 ? locations[0]!.id : '',
    line1: '',
    line2: '',
    city: '',
    region: '',
    postalCode: '',
    country: locations[0]?.country ?? 'US',
    accessNotes: '',
    windows: [],
    booking: null,
  }));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [formMessage, setFormMessage] = useState<string>();
  const [summary, setSummary] = useState<[string, string][]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);
  const nextKey = useRef(1);
  const uploadOne = useCallback((file: File) => uploadRequestFile(file), []);
  const uploads = usePhotoUploads(uploadOne);
  const submit = useSubmitRequest();
  const queryClient = useQueryClient();

  // Arrival windows: offered once the service and one of the saved addresses are chosen.
  const windowRange = useWindowRange();
  const savedPlaceId = hasSavedPlaces && draft.place && draft.place !== 'new' ? draft.place : null;
  const availability = useRequestAvailability(draft.categoryId && savedPlaceId ? { categoryId: draft.categoryId, locationId: savedPlaceId, ...windowRange.range } : null);
  /** The windows still free when the chosen one was taken by someone quicker (409 SLOT_TAKEN). */
  const [taken, setTaken] = useState<PickableWindow[] | null>(null);
  const takenRef = useRef<HTMLDivElement>(null);
  const newAddress = !hasSavedPlaces || draft.place === 'new';
  const noWindowsOffered = newAddress || availability.isError || (availability.isSuccess && availability.data.windows.length === 0);
  // Without a window to book, the customer may still say when suits them (and keeps what they typed there).
  const withPreferred = !draft.booking && (noWindowsOffered || draft.windows.length > 0);

  const local = validate(draft, hasSavedPlaces, withPreferred);
  /** Errors show once a field was left (blur) or after a submit; server errors until the field changes. */
  const errorOf = (key: string) => serverErrors[key] ?? ((submitted || touched.has(key)) && local[key] ? local[key] : undefined);
  const touch = (key: string) => () => setTouched((current) => (current.has(key) ? current : new Set(current).add(key)));

  const change = <K extends keyof Draft>(field: K, value: Draft[K], ...apiKeys: string[]) => {
    setDraft((current) => {
      const next = { ...current, [field]: value };
      // A new service or priority makes a new promise: it must be read and accepted again.
      if ((field === 'categoryId' || field === 'priority') && value !== current[field]) next.slaAcknowledged = false;
      // Another service or address has other windows: a chosen one no longer applies.
      if ((field === 'categoryId' || field === 'place') && value !== current[field]) next.booking = null;
      return next;
    });
    if ((field === 'categoryId' || field === 'place') && value !== draft[field]) setTaken(null);
    if (apiKeys.length) setServerErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !apiKeys.includes(key))));
  };

  const category = categories.find((c) => c.id === draft.categoryId);
  const slaOf = (priority: Priority) => category?.slaMinutes[priority];
  const currentSla = slaOf(draft.priority);

  const showSummary = (errors: Errors, message?: string) => {
    setSummary(Object.entries(errors).sort(([a], [b]) => order(a) - order(b)));
    setFormMessage(message);
    // After React has drawn it: focus moves to the summary, which screen readers then read.
    window.setTimeout(() => summaryRef.current?.focus(), 0);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setServerErrors({});
    const errors = { ...local };
    if (uploads.uploading) errors.attachmentIds = t('waitUploads');
    else if (uploads.failed) errors.attachmentIds = t('removeFailed');
    if (Object.keys(errors).length > 0) return showSummary(errors);
    const body = toBody(draft, hasSavedPlaces, uploads.attachmentIds, withPreferred);
    submit.mutate(body, {
      onSuccess: (result) => navigate(`/portal/requests/${result.job.id}/submitted`),
      onError: (error) => {
        const alternatives = slotTakenAlternatives(error);
        if (alternatives) {
          // Someone was quicker: nothing was filed. Everything typed stays; only the window is chosen again.
          setTaken(alternatives);
          change('booking', null);
          setSummary([]);
          setFormMessage(undefined);
          void queryClient.invalidateQueries({ queryKey: requestAvailabilityKey });
          window.setTimeout(() => {
            takenRef.current?.scrollIntoView({ block: 'start' });
            takenRef.current?.focus({ preventScroll: true });
          }, 0);
          return;
        }
        // The API names a refused window "windowStart" (the policy's checks) or "booking.windowStart" (its format).
        const named = Object.fromEntries(Object.entries(error instanceof ApiError ? error.fieldErrors : {}).map(([key, message]) => [key === 'windowStart' ? 'booking.windowStart' : key, message]));
        const fields = withoutUnionNoise(named, 'locationId' in body.location);
        // The API names window fields start/end; a problem with the day shows with the start.
        const mapped = Object.fromEntries(Object.entries(fields).map(([key, message]) => [key, sentence(key, message)]));
        setServerErrors(mapped);
        const addressOnly = error instanceof ApiError && Object.keys(error.fieldErrors).some((key) => key.startsWith('location'));
        showSummary(mapped, Object.keys(mapped).length ? undefined : addressOnly ? t('addressCheck') : error.message);
      },
    });
  };

  const photoError = serverErrors.attachmentIds ?? (submitted && uploads.uploading ? t('waitUploads') : submitted && uploads.failed ? t('removeFailed') : undefined);

  const addWindow = () => change('windows', [...draft.windows, { key: nextKey.current++, date: '', from: '08:00', to: '12:00' }]);
  const updateWindow = (key: number, patch: Partial<WindowRow>, index: number) =>
    change(
      'windows',
      draft.windows.map((row) => (row.key === key ? { ...row, ...patch } : row)),
      `preferredWindows[${index}].start`,
      `preferredWindows[${index}].end`,
      `preferredWindows[${index}]`,
    );
  const removeWindow = (key: number) => change('windows', draft.windows.filter((row) => row.key !== key), ...Object.keys(serverErrors).filter((k) => k.startsWith('preferredWindows')));

  return (
    <form className="stack service-requests__form" onSubmit={onSubmit} noValidate>
      {(summary.length > 0 || formMessage) && (
        <div ref={summaryRef} tabIndex={-1} className="ui-alert ui-alert--error service-requests__summary" role="alert">
          <h2 className="service-requests__summary-title">{formMessage ?? t('summaryTitle')}</h2>
          {summary.length > 0 && (
            <ul>
              {summary.map(([key, message]) => (
                <li key={key}>
                  <a
                    href={`#${targetOf(key)}`}
                    onClick={(event) => {
                      event.preventDefault();
                      const target = document.getElementById(targetOf(key));
                      target?.scrollIntoView({ block: 'center' });
                      target?.querySelector<HTMLElement>('input:not([disabled]), textarea, select')?.focus();
                    }}
                  >
                    {message}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      <Step number={1} title={t('step1')}>
        <fieldset className="service-requests__choices service-requests__choices--grid" id={anchorOf('categoryId')} aria-describedby={errorOf('categoryId') ? 'request-categoryId-error' : undefined}>
          <legend className="visually-hidden">{t('service')}</legend>
          {categories.map((c) => (
            <label key={c.id} className="service-requests__choice">
              <input type="radio" name="categoryId" value={c.id} checked={draft.categoryId === c.id} onChange={() => change('categoryId', c.id, 'categoryId')} onBlur={touch('categoryId')} aria-describedby={c.description ? `category-${c.id}-description` : undefined} />
              <span className="service-requests__choice-text">
                <span className="service-requests__choice-name">{c.name}</span>
                {c.description && (
                  <span id={`category-${c.id}-description`} className="service-requests__choice-hint">
                    {c.description}
                  </span>
                )}
              </span>
            </label>
          ))}
          {errorOf('categoryId') && (
            <span id="request-categoryId-error" className="ui-field__error">
              {errorOf('categoryId')}
            </span>
          )}
        </fieldset>
      </Step>

      <Step number={2} title={t('step2')}>
        <div id={anchorOf('description')}>
          <Field label={t('description')} hint={t('descriptionHint')} error={errorOf('description')}>
            <TextArea value={draft.description} maxLength={5000} rows={5} onChange={(e) => change('description', e.target.value, 'description')} onBlur={touch('description')} />
          </Field>
        </div>
      </Step>

      <Step number={3} title={t('step3')}>
        <fieldset className="service-requests__choices" id={anchorOf('priority')} aria-describedby={!category ? 'request-priority-hint' : undefined}>
          <legend className="visually-hidden">{t('priority')}</legend>
          {!category && (
            <span id="request-priority-hint" className="ui-field__hint">
              {t('priorityHint')}
            </span>
          )}
          {PRIORITY_LIST.map((priority) => {
            const sla = slaOf(priority);
            return (
              <label key={priority} className={`service-requests__choice service-requests__choice--${priority}`}>
                <input type="radio" name="priority" value={priority} checked={draft.priority === priority} onChange={() => change('priority', priority, 'priority', 'slaAcknowledged')} aria-describedby={sla !== undefined ? `priority-${priority}-sla` : undefined} />
                <span className="service-requests__choice-text">
                  <span className="service-requests__choice-name">{t(priority)}</span>
                  {sla !== undefined && (
                    <span id={`priority-${priority}-sla`} className="service-requests__choice-hint">
                      {slaSentence(sla)}
                    </span>
                  )}
                </span>
              </label>
            );
          })}
        </fieldset>
        {currentSla !== undefined && (
          <div id={anchorOf('slaAcknowledged')} className="service-requests__ack">
            <Checkbox
              label={slaAcknowledgement(currentSla, priorityLabel(draft.priority).toLowerCase())}
              checked={draft.slaAcknowledged}
              onChange={(e) => change('slaAcknowledged', e.target.checked, 'slaAcknowledged')}
              aria-invalid={errorOf('slaAcknowledged') ? true : undefined}
              aria-describedby={errorOf('slaAcknowledged') ? 'request-ack-error' : undefined}
            />
            {errorOf('slaAcknowledged') && (
              <span id="request-ack-error" className="ui-field__error">
                {errorOf('slaAcknowledged')}
              </span>
            )}
          </div>
        )}
      </Step>

      <Step number={4} title={t('step4')}>
        {hasSavedPlaces && (
          <fieldset className="service-requests__choices" id={anchorOf('location')}>
            <legend className="visually-hidden">{t('savedAddress')}</legend>
            {locations.map((place) => (
              <label key={place.id} className="service-requests__choice">
                <input type="radio" name="place" value={place.id} checked={draft.place === place.id} onChange={() => change('place', place.id, 'location', 'location.locationId')} />
                <span className="service-requests__choice-text">
                  <span className="service-requests__choice-name">{place.label ?? place.line1}</span>
                  <span className="service-requests__choice-hint">{[place.label ? place.line1 : null, place.line2, `${place.city} ${place.postalCode}`].filter(Boolean).join(', ')}</span>
                </span>
              </label>
            ))}
            <label className="service-requests__choice">
              <input type="radio" name="place" value="new" checked={draft.place === 'new'} onChange={() => change('place', 'new', 'location', 'location.locationId')} />
              <span className="service-requests__choice-text">
                <span className="service-requests__choice-name">{t('otherAddress')}</span>
              </span>
            </label>
            {errorOf('location') && <span className="ui-field__error">{errorOf('location')}</span>}
            {errorOf('location.locationId') && <span className="ui-field__error">{errorOf('location.locationId')}</span>}
          </fieldset>
        )}
        {(!hasSavedPlaces || draft.place === 'new') && (
          <div className="service-requests__address">
            <AddressField draft={draft} name="line1" label={t('line1')} autoComplete="address-line1" change={change} errorOf={errorOf} touch={touch} wide />
            <AddressField draft={draft} name="line2" label={t('line2')} autoComplete="address-line2" change={change} errorOf={errorOf} touch={touch} wide />
            <AddressField draft={draft} name="city" label={t('city')} autoComplete="address-level2" change={change} errorOf={errorOf} touch={touch} />
            <AddressField draft={draft} name="region" label={t('region')} autoComplete="address-level1" change={change} errorOf={errorOf} touch={touch} />
            <AddressField draft={draft} name="postalCode" label={t('postalCode')} autoComplete="postal-code" change={change} errorOf={errorOf} touch={touch} />
            <AddressField draft={draft} name="country" label={t('country')} hint={t('countryHint')} autoComplete="country" change={change} errorOf={errorOf} touch={touch} maxLength={2} />
            <div className="service-requests__wide" id={anchorOf('location.accessNotes')}>
              <Field label={t('accessNotes')} hint={t('accessNotesHint')} error={errorOf('location.accessNotes')}>
                <TextInput value={draft.accessNotes} maxLength={1000} onChange={(e) => change('accessNotes', e.target.value, 'location.accessNotes')} />
              </Field>
            </div>
          </div>
        )}
      </Step>

      <Step number={5} title={t('step5')} optional>
        {taken && <TakenWindowAlert ref={takenRef} alternatives={taken} value={draft.booking} onChange={(picked) => change('booking', picked, 'booking.windowStart')} />}
        {!draft.categoryId || (!newAddress && !savedPlaceId) ? (
          <p className="muted">{t('pickerNeedsChoices')}</p>
        ) : newAddress ? (
          <p className="muted">{t('pickerNewAddress')}</p>
        ) : availability.isError ? (
          <Alert>
            <span className="row-between">
              {t('pickerLoadError')}
              <Button size="small" variant="secondary" onClick={() => void availability.refetch()}>
                {t('retry')}
              </Button>
            </span>
          </Alert>
        ) : (
          <div className="stack-sm" id={anchorOf('booking.windowStart')}>
            {!noWindowsOffered && <p className="muted">{t('pickerIntro')}</p>}
            <WindowPicker
              label={t('pickerLabel')}
              range={windowRange.range}
              windows={availability.data?.windows}
              value={draft.booking}
              onChange={(picked) => change('booking', picked, 'booking.windowStart')}
              onLater={hasLaterDates(windowRange.range, availability.data?.bookableUntil) ? windowRange.later : undefined}
              bookableUntil={availability.data?.bookableUntil}
              onEarlier={windowRange.canGoEarlier ? windowRange.earlier : undefined}
              error={errorOf('booking.windowStart')}
              emptyHint={<p>{t('pickerNone')}</p>}
            />
            {draft.booking?.technicians && draft.booking.technicians.length > 0 && (
              <TechnicianChoice technicians={draft.booking.technicians} value={draft.booking.technicians.some((x) => x.id === draft.technicianId) ? draft.technicianId! : ''} onChange={(id) => change('technicianId', id, 'booking.technicianId', 'technicianId')} />
            )}
            {!noWindowsOffered &&
              (draft.booking ? (
                <div>
                  <Button variant="ghost" size="small" onClick={() => change('booking', null, 'booking.windowStart')}>
                    {t('clearChoice')}
                  </Button>
                </div>
              ) : (
                <p className="muted small">{t('pickerOptional')}</p>
              ))}
          </div>
        )}
        {withPreferred && (
          <>
            <p className="muted">{t('windowsIntro')}</p>
            {draft.windows.map((row, index) => {
              const base = `preferredWindows[${index}]`;
              const startError = errorOf(`${base}.date`) ?? errorOf(`${base}.start`) ?? errorOf(base);
              return (
                <fieldset key={row.key} className="service-requests__window" id={anchorOf(`${base}.start`)}>
                  <legend className="service-requests__window-legend">{t('window', { number: index + 1 })}</legend>
                  <div className="service-requests__window-fields">
                    <div className="service-requests__window-day">
                      <Field label={t('day')} error={errorOf(`${base}.date`)}>
                        <TextInput type="date" min={todayKey()} value={row.date} onChange={(e) => updateWindow(row.key, { date: e.target.value }, index)} onBlur={touch(`${base}.date`)} />
                      </Field>
                    </div>
                    <Field label={t('from')} error={errorOf(`${base}.date`) ? undefined : startError}>
                      <TextInput type="time" step={900} value={row.from} onChange={(e) => updateWindow(row.key, { from: e.target.value }, index)} onBlur={touch(`${base}.start`)} />
                    </Field>
                    <div id={anchorOf(`${base}.end`)}>
                      <Field label={t('to')} error={errorOf(`${base}.end`)}>
                        <TextInput type="time" step={900} value={row.to} onChange={(e) => updateWindow(row.key, { to: e.target.value }, index)} onBlur={touch(`${base}.end`)} />
                      </Field>
                    </div>
                  </div>
                  <Button variant="ghost" size="small" className="service-requests__window-remove" onClick={() => removeWindow(row.key)} aria-label={t('removeWindow', { number: index + 1 })}>
                    {t('remove')}
                  </Button>
                </fieldset>
              );
            })}
            {draft.windows.length < 5 && (
              <div>
                <Button variant="secondary" onClick={addWindow}>
                  {t('addWindow')}
                </Button>
              </div>
            )}
          </>
        )}
      </Step>

      <Step number={6} title={t('step6')} optional>
        <p className="muted">{t('photosIntro')}</p>
        <div id={anchorOf('attachmentIds')}>
          <PhotoPicker id="request-photos" label={t('photos')} hint={t('photosHint')} files={uploads.files} onAdd={uploads.add} onRemove={uploads.remove} error={uploads.limitError ?? photoError} />
        </div>
      </Step>

      <div className="service-requests__actions">
        {/* Leaving a field shows its error and moves the button down before the click lands: keep focus where it is. */}
        <Button type="submit" size="large" loading={submit.isPending} onMouseDown={(event) => event.preventDefault()}>
          {t('submit')}
        </Button>
      </div>
    </form>
  );
}

function Step({ number, title, optional, children }: { number: number; title: string; optional?: boolean; children: ReactNode }) {
  const id = `request-step-${number}`;
  return (
    <Card as="section" aria-labelledby={id} className="service-requests__step">
      <h2 id={id} className="service-requests__step-title">
        <span className="service-requests__step-number" aria-hidden="true">
          {number}
        </span>
        <span>
          {title} {optional && <span className="service-requests__optional">{t('optional')}</span>}
        </span>
      </h2>
      <div className="stack">{children}</div>
    </Card>
  );
}

type AddressName = 'line1' | 'line2' | 'city' | 'region' | 'postalCode' | 'country';

function AddressField(props: {
  draft: Draft;
  name: AddressName;
  label: string;
  hint?: string;
  autoComplete: string;
  maxLength?: number;
  wide?: boolean;
  change: <K extends keyof Draft>(field: K, value: Draft[K], ...apiKeys: string[]) => void;
  errorOf: (key: string) => string | undefined;
  touch: (key: string) => () => void;
}) {
  const key = `location.${props.name}`;
  return (
    <div id={anchorOf(key)} className={props.wide ? 'service-requests__wide' : undefined}>
      <Field label={props.label} hint={props.hint} error={props.errorOf(key)}>
        <TextInput
          value={props.draft[props.name]}
          autoComplete={props.autoComplete}
          maxLength={props.maxLength ?? 200}
          onChange={(e) => props.change(props.name, props.name === 'country' ? e.target.value.toUpperCase() : e.target.value, key, 'location')}
          onBlur={props.touch(key)}
        />
      </Field>
    </div>
  );
}

function FormSkeleton() {
  return (
    <div className="stack" aria-busy="true">
      {[120, 160, 200, 160].map((height, index) => (
        <Card key={index}>
          <Skeleton height={26} width="45%" />
          <Skeleton height={height} style={{ marginTop: 16 }} />
        </Card>
      ))}
    </div>
  );
}
