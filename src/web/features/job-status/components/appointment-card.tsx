import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, CardHeader, Dialog, Field, TextArea, useToast } from '../../../components/ui/index.js';
import { hasLaterDates, slotTakenAlternatives, TakenWindowAlert, TechnicianChoice, useWindowRange, WindowPicker, type PickableWindow } from '../../../components/window-picker/index.js';
import { ApiError } from '../../../lib/api-client.js';
import type { CustomerJob } from '../../../lib/api-types.js';
import { formatDateTime, formatWindow } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useBookVisit } from '../api/book-visit.js';
import { useCancelVisit } from '../api/cancel-visit.js';
import { useJobAvailability } from '../api/get-job-availability.js';
import { useRescheduleVisit } from '../api/reschedule-visit.js';

const t = defineMessages({
  en: {
    appointment: 'Your appointment',
    arrivalWindow: 'Arrival window',
    notScheduled: 'Not scheduled yet. We will let you know as soon as a time is booked.',
    notScheduledBookable: 'Not scheduled yet. Choose a time that suits you, or we will call you to arrange one.',
    visit: 'Visit {number}: a follow-up visit to finish the work.',
    visitCancelled: 'This visit was cancelled.',
    // What the customer may still change, and until when
    changeOrCancelUntil: 'You can change or cancel this visit until {date}.',
    changeUntil: 'You can change this visit until {date}.',
    cancelUntil: 'You can cancel this visit until {date}.',
    tooLateWithPhone: 'This visit can no longer be changed online. To change or cancel it, call us on {phone}.',
    tooLate: 'This visit can no longer be changed online. To change or cancel it, please contact us.',
    book: 'Book a visit',
    change: 'Change time',
    cancelVisit: 'Cancel visit',
    cancelRequest: 'Cancel request',
    // Choosing a time
    pickBookTitle: 'Choose a time for your visit',
    pickMoveTitle: 'Choose a new time',
    pickLabel: 'Arrival window',
    pickMoveIntro: 'Your current time stays booked until you confirm a new one.',
    confirmBook: 'Book this time',
    confirmMove: 'Move my visit',
    notNow: 'Not now',
    keepTime: 'Keep my current time',
    chooseFirst: 'Choose a time first.',
    pickNone: 'Try later dates, or call us and we will find a time together.',
    loadError: 'We could not load the open times. Check your connection and try again.',
    retry: 'Try again',
    windowRefused: 'This time can no longer be booked. Choose another one.',
    rescheduleCutoffWithPhone: 'It is too late to change this visit online. Please call us on {phone}.',
    rescheduleCutoff: 'It is too late to change this visit online. Please contact us to change it.',
    // Cancelling
    cancelVisitTitle: 'Cancel this visit?',
    cancelRequestTitle: 'Cancel this request?',
    cancelVisitBody: 'We will cancel your visit on {window} and your request {reference}. If you still need us afterwards, send a new request.',
    cancelRequestBody: 'We will cancel your request {reference}. If you still need us afterwards, send a new request.',
    reason: 'Reason (optional)',
    reasonHint: 'It helps us do better, and our team reads it.',
    confirmCancelVisit: 'Yes, cancel the visit',
    confirmCancelRequest: 'Yes, cancel the request',
    keepVisit: 'Keep my visit',
    keepRequest: 'Keep my request',
    close: 'Close',
    cancelCutoffWithPhone: 'It is too late to cancel this visit online. Please call us on {phone}.',
    cancelCutoff: 'It is too late to cancel this visit online. Please contact us to cancel it.',
    // Done
    bookedToast: 'Your visit is booked for {window}.',
    movedToast: 'Your visit was moved to {window}.',
    cancelledVisitToast: 'Your visit was cancelled.',
    cancelledRequestToast: 'Your request was cancelled.',
  },
});

type Mode = 'book' | 'move';

/** The visit: its arrival window, and booking, moving or cancelling it where the company's policy lets the customer (decision 010). */
export function AppointmentCard({ job }: { job: CustomerJob }) {
  const { selfScheduling: may, appointment } = job;
  const [mode, setMode] = useState<Mode | null>(null);
  const [cancelOpen, setCancelOpen] = useState(false);
  /** A refusal that outlives the picker (the cut-off passed while the customer chose). */
  const [notice, setNotice] = useState<string>();
  const windowRef = useRef<HTMLParagraphElement>(null);
  const toast = useToast();
  const live = appointment && appointment.status !== 'cancelled' ? appointment : null;
  const phone = job.company.phone;

  if (!appointment && !job.canAddNote && !may.canBook) return null;

  const cutoffLines: string[] = [];
  if (live && (may.canReschedule || may.canCancel)) {
    if (may.canReschedule && may.canCancel && may.rescheduleUntil === may.cancelUntil) cutoffLines.push(t('changeOrCancelUntil', { date: formatDateTime(may.rescheduleUntil!) }));
    else {
      if (may.canReschedule && may.rescheduleUntil) cutoffLines.push(t('changeUntil', { date: formatDateTime(may.rescheduleUntil) }));
      if (may.canCancel && may.cancelUntil) cutoffLines.push(t('cancelUntil', { date: formatDateTime(may.cancelUntil) }));
    }
  } else if (live && may.rescheduleUntil && !notice) {
    // Moving was possible once (the policy has a cut-off) and it has passed.
    cutoffLines.push(phone ? t('tooLateWithPhone', { phone }) : t('tooLate'));
  }
  const canMove = Boolean(live) && may.canReschedule;
  const canCancel = may.canCancel && (live !== null || job.status === 'created');

  const done = (message: string) => {
    setMode(null);
    setNotice(undefined);
    toast.show(message);
    window.setTimeout(() => windowRef.current?.focus(), 0);
  };

  return (
    <Card as="section" aria-labelledby="job-status-appointment">
      <CardHeader title={<span id="job-status-appointment">{t('appointment')}</span>} />
      <div className="stack">
        {appointment ? (
          <div className="stack-sm">
            <p className="small muted">{t('arrivalWindow')}</p>
            <p ref={windowRef} tabIndex={-1} className={`job-status__window${live ? '' : ' job-status__window--cancelled'}`}>
              {formatWindow(appointment.windowStart, appointment.windowEnd)}
            </p>
            {!live && <p className="muted">{t('visitCancelled')}</p>}
            {appointment.visitNumber > 1 && <p className="muted">{t('visit', { number: appointment.visitNumber })}</p>}
            {cutoffLines.map((line) => (
              <p key={line} className="job-status__cutoff">
                {line}
              </p>
            ))}
          </div>
        ) : (
          <p ref={windowRef} tabIndex={-1} className="muted job-status__unscheduled">
            {may.canBook ? t('notScheduledBookable') : t('notScheduled')}
          </p>
        )}

        {notice && <Alert>{notice}</Alert>}

        {mode === null && (may.canBook || canMove || canCancel) && (
          <div className="job-status__actions">
            {may.canBook && <Button onClick={() => setMode('book')}>{t('book')}</Button>}
            {canMove && <Button onClick={() => setMode('move')}>{t('change')}</Button>}
            {canCancel && (
              <Button variant="secondary" onClick={() => setCancelOpen(true)}>
                {live ? t('cancelVisit') : t('cancelRequest')}
              </Button>
            )}
          </div>
        )}

        {mode && (
          <ChooseTime
            job={job}
            mode={mode}
            onClose={() => setMode(null)}
            onBooked={(updated) => {
              const window = updated.appointment ? formatWindow(updated.appointment.windowStart, updated.appointment.windowEnd) : '';
              done(mode === 'book' ? t('bookedToast', { window }) : t('movedToast', { window }));
            }}
            onCutoffPassed={() => {
              setMode(null);
              setNotice(phone ? t('rescheduleCutoffWithPhone', { phone }) : t('rescheduleCutoff'));
              window.setTimeout(() => windowRef.current?.focus(), 0);
            }}
          />
        )}
      </div>

      <CancelDialog
        job={job}
        open={cancelOpen}
        onClose={() => setCancelOpen(false)}
        onCancelled={() => {
          setCancelOpen(false);
          toast.show(live ? t('cancelledVisitToast') : t('cancelledRequestToast'));
          // The page's heading now says "Cancelled": that is where the customer continues.
          window.setTimeout(() => document.getElementById('job-status-title')?.focus(), 0);
        }}
      />
    </Card>
  );
}

/** Picking a window for the job: the shared picker, the "just taken" alternatives, and the confirm button. */
function ChooseTime({ job, mode, onClose, onBooked, onCutoffPassed }: { job: CustomerJob; mode: Mode; onClose(): void; onBooked(job: CustomerJob): void; onCutoffPassed(): void }) {
  const windowRange = useWindowRange();
  const availability = useJobAvailability(job.id, windowRange.range, true);
  const [chosen, setChosen] = useState<PickableWindow | null>(null);
  // '' is "any technician"; a name is offered only when the company lets customers choose.
  const [technicianId, setTechnicianId] = useState('');
  const [taken, setTaken] = useState<PickableWindow[] | null>(null);
  const [problem, setProblem] = useState<string>();
  const takenRef = useRef<HTMLDivElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const book = useBookVisit(job.id);
  const move = useRescheduleVisit(job.id);
  const action = mode === 'book' ? book : move;
  const titleId = `job-status-pick-${mode}`;
  // The current visit's own window is not a new time: leave it out of the choices.
  const current = job.appointment?.status !== 'cancelled' ? job.appointment?.windowStart : undefined;
  const windows = availability.data?.windows.filter((w) => mode === 'book' || Date.parse(w.start) !== Date.parse(current ?? ''));

  // Opening the picker moves focus to its heading, so a screen reader starts there.
  useEffect(() => titleRef.current?.focus(), []);

  const choose = (window: PickableWindow) => {
    setChosen(window);
    setProblem(undefined);
  };

  const confirm = () => {
    if (!chosen) return setProblem(t('chooseFirst'));
    setProblem(undefined);
    const chosenTechnician = chosen.technicians?.some((x) => x.id === technicianId) ? technicianId : undefined;
    action.mutate({ windowStart: chosen.start, ...(chosenTechnician ? { technicianId: chosenTechnician } : {}) }, {
      onSuccess: onBooked,
      onError: (error) => {
        const alternatives = slotTakenAlternatives(error);
        if (alternatives) {
          setTaken(alternatives.filter((w) => mode === 'book' || Date.parse(w.start) !== Date.parse(current ?? '')));
          setChosen(null);
          void availability.refetch();
          window.setTimeout(() => takenRef.current?.focus(), 0);
          return;
        }
        if (error instanceof ApiError && error.code === 'RESCHEDULE_CUTOFF_PASSED') return onCutoffPassed();
        if (error instanceof ApiError && error.fieldErrors.windowStart) {
          setChosen(null);
          void availability.refetch();
          return setProblem(t('windowRefused'));
        }
        setProblem(error.message);
      },
    });
  };

  return (
    <section className="job-status__picker stack" aria-labelledby={titleId}>
      <h3 id={titleId} className="job-status__picker-title" tabIndex={-1} ref={titleRef}>
        {mode === 'book' ? t('pickBookTitle') : t('pickMoveTitle')}
      </h3>
      {mode === 'move' && <p className="muted">{t('pickMoveIntro')}</p>}
      {taken && <TakenWindowAlert ref={takenRef} alternatives={taken} value={chosen} onChange={choose} />}
      {availability.isError ? (
        <Alert>
          <span className="row-between">
            {t('loadError')}
            <Button size="small" variant="secondary" onClick={() => void availability.refetch()}>
              {t('retry')}
            </Button>
          </span>
        </Alert>
      ) : (
        <WindowPicker
          label={t('pickLabel')}
          range={windowRange.range}
          windows={windows}
          value={chosen}
          onChange={choose}
          onLater={hasLaterDates(windowRange.range, availability.data?.bookableUntil) ? windowRange.later : undefined}
          bookableUntil={availability.data?.bookableUntil}
          onEarlier={windowRange.canGoEarlier ? windowRange.earlier : undefined}
          error={problem}
          emptyHint={<p>{t('pickNone')}</p>}
        />
      )}
      {chosen?.technicians && chosen.technicians.length > 0 && (
        <TechnicianChoice technicians={chosen.technicians} value={chosen.technicians.some((x) => x.id === technicianId) ? technicianId : ''} onChange={setTechnicianId} />
      )}
      <div className="job-status__actions">
        <Button onClick={confirm} loading={action.isPending}>
          {mode === 'book' ? t('confirmBook') : t('confirmMove')}
        </Button>
        <Button variant="secondary" onClick={onClose} disabled={action.isPending}>
          {mode === 'book' ? t('notNow') : t('keepTime')}
        </Button>
      </div>
    </section>
  );
}

/** "Cancel this visit?" with an optional reason; the cut-off is checked again by the server. */
function CancelDialog({ job, open, onClose, onCancelled }: { job: CustomerJob; open: boolean; onClose(): void; onCancelled(): void }) {
  const [reason, setReason] = useState('');
  const cancel = useCancelVisit(job.id);
  const visit = job.appointment && job.appointment.status !== 'cancelled' ? job.appointment : null;
  const phone = job.company.phone;
  const tooLate = cancel.error instanceof ApiError && cancel.error.code === 'CANCEL_CUTOFF_PASSED';
  const close = () => {
    cancel.reset();
    onClose();
  };

  return (
    <Dialog open={open} title={visit ? t('cancelVisitTitle') : t('cancelRequestTitle')} onClose={close}>
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          cancel.mutate(reason, {
            onSuccess: () => {
              setReason('');
              cancel.reset();
              onCancelled();
            },
          });
        }}
      >
        <p>{visit ? t('cancelVisitBody', { window: formatWindow(visit.windowStart, visit.windowEnd), reference: job.reference }) : t('cancelRequestBody', { reference: job.reference })}</p>
        {cancel.error && <Alert>{tooLate ? (phone ? t('cancelCutoffWithPhone', { phone }) : t('cancelCutoff')) : cancel.error.message}</Alert>}
        {!tooLate && (
          <Field label={t('reason')} hint={t('reasonHint')}>
            <TextArea value={reason} maxLength={500} rows={3} onChange={(e) => setReason(e.target.value)} />
          </Field>
        )}
        <div className="ui-dialog__actions job-status__dialog-actions">
          {tooLate ? (
            <Button onClick={close}>{t('close')}</Button>
          ) : (
            <>
              <Button variant="secondary" onClick={close} disabled={cancel.isPending}>
                {visit ? t('keepVisit') : t('keepRequest')}
              </Button>
              <Button type="submit" variant="danger" loading={cancel.isPending}>
                {visit ? t('confirmCancelVisit') : t('confirmCancelRequest')}
              </Button>
            </>
          )}
        </div>
      </form>
    </Dialog>
  );
}
