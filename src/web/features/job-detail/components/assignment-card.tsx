import { useState } from 'react';
import { Alert, Badge, Button, Card, CardHeader, Skeleton, useToast } from '../../../components/ui/index.js';
import type { StaffJob } from '../../../lib/api-types.js';
import { formatTime, formatWindow } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useAutoAssignJob } from '../api/auto-assign-job.js';
import { useAssignmentSuggestions, type AssignmentSuggestions, type RankedTechnician } from '../api/get-assignment-suggestions.js';
import { useReassignJob } from '../api/reassign-job.js';

const t = defineMessages({
  en: {
    title: 'Assignment',
    auto: 'Assigned automatically: {reason}',
    customer: 'Chosen by the customer when booking.',
    manual: 'Assigned by {name}.',
    manualUnknown: 'Assigned by hand.',
    unassigned: 'Not assigned yet.',
    firstWindow: 'The first window a technician who meets the dispatch rules can take is {window}.',
    noWindow: 'No technician who meets the dispatch rules can take this job in the next two weeks. Schedule it by hand.',
    autoAssign: 'Auto-assign',
    autoAssigned: 'Booked automatically with {name}.',
    suggestionsFor: 'Best technicians for {window}',
    score: 'Score {score}',
    current: 'Assigned',
    arrival: 'Arrives about {time}',
    assign: 'Assign {name}',
    assignShort: 'Assign',
    reassigned: '{name} now has the visit.',
    showAll: 'Show all {count} technicians',
    showFewer: 'Show fewer',
    notSuitable: 'Not suitable',
    loadError: 'The suggestions could not be loaded. {message}',
  },
});

const SHOWN = 3;

/** How the visit's technician was chosen, and the technicians the dispatch rules rank best, each with the reason; the dispatcher overrides from here. */
export function AssignmentCard({ job }: { job: StaffJob }) {
  const suggestions = useAssignmentSuggestions(job.id, job.updatedAt);
  const closed = job.status === 'completed' || job.status === 'cancelled';
  return (
    <Card as="section" aria-labelledby="job-assignment-title">
      <CardHeader title={<span id="job-assignment-title">{t('title')}</span>} />
      {suggestions.isPending ? (
        <Skeleton height={120} />
      ) : suggestions.isError ? (
        <Alert>{t('loadError', { message: suggestions.error.message })}</Alert>
      ) : (
        <Assignment job={job} data={suggestions.data} closed={closed} />
      )}
    </Card>
  );
}

function Assignment({ job, data, closed }: { job: StaffJob; data: AssignmentSuggestions; closed: boolean }) {
  const toast = useToast();
  const autoAssign = useAutoAssignJob(job.id);
  const reassign = useReassignJob(job.id);
  const [all, setAll] = useState(false);
  const window = data.window ? formatWindow(data.window.start, data.window.end) : '';
  const canReassign = job.availableActions.includes('reassign') && !closed;
  const currentId = data.current?.technician?.id;
  const eligible = data.candidates.filter((c) => c.eligible);
  const others = data.candidates.filter((c) => !c.eligible);
  const shown = all ? eligible : eligible.slice(0, SHOWN);

  const assign = (candidate: RankedTechnician) =>
    reassign.mutate({ technicianId: candidate.technicianId }, { onSuccess: () => toast.show(t('reassigned', { name: candidate.name })) });

  return (
    <div className="stack-sm job-detail__assignment">
      <p className="job-detail__assignment-how">{describeCurrent(data)}</p>
      {job.status === 'created' && !closed && (
        <>
          <p className="small muted">{data.window ? t('firstWindow', { window }) : t('noWindow')}</p>
          {data.window && (
            <div>
              <Button size="small" loading={autoAssign.isPending} onClick={() => autoAssign.mutate(undefined, { onSuccess: (saved) => toast.show(t('autoAssigned', { name: saved.appointment?.technician?.name ?? '' })) })}>
                {t('autoAssign')}
              </Button>
            </div>
          )}
          {autoAssign.error && autoAssign.error.message && <Alert>{autoAssign.error.message}</Alert>}
        </>
      )}
      {!closed && data.window && data.candidates.length > 0 && (
        <>
          <h3 className="job-detail__subtitle job-detail__spaced">{t('suggestionsFor', { window })}</h3>
          {reassign.error && <Alert>{reassign.error.message}</Alert>}
          <ol className="job-detail__suggestions">
            {shown.map((candidate) => (
              <li key={candidate.technicianId} className="job-detail__suggestion">
                <div className="row-between">
                  <strong>{candidate.name}</strong>
                  <span className="job-detail__suggestion-badges">
                    {candidate.technicianId === currentId && <Badge tone="success">{t('current')}</Badge>}
                    <Badge tone="info">{t('score', { score: candidate.score })}</Badge>
                  </span>
                </div>
                <p className="small">{candidate.reason}</p>
                <div className="row-between">
                  <span className="small muted">{candidate.plannedArrival ? t('arrival', { time: formatTime(candidate.plannedArrival) }) : ''}</span>
                  {canReassign && candidate.technicianId !== currentId && (
                    <Button size="small" variant="secondary" loading={reassign.isPending && reassign.variables?.technicianId === candidate.technicianId} onClick={() => assign(candidate)} aria-label={t('assign', { name: candidate.name })}>
                      {t('assignShort')}
                    </Button>
                  )}
                </div>
              </li>
            ))}
          </ol>
          {eligible.length > SHOWN && (
            <div>
              <Button variant="ghost" size="small" onClick={() => setAll((value) => !value)} aria-expanded={all}>
                {all ? t('showFewer') : t('showAll', { count: eligible.length })}
              </Button>
            </div>
          )}
          {all && others.length > 0 && (
            <>
              <h4 className="job-detail__subtitle">{t('notSuitable')}</h4>
              <ul className="job-detail__suggestions job-detail__suggestions--others">
                {others.map((candidate) => (
                  <li key={candidate.technicianId} className="job-detail__suggestion">
                    <strong>{candidate.name}</strong>
                    <p className="small muted">{candidate.reason}</p>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}

function describeCurrent(data: AssignmentSuggestions): string {
  const current = data.current;
  if (!current?.technician) return t('unassigned');
  switch (current.method) {
    case 'auto':
      return t('auto', { reason: current.reason ?? '' });
    case 'customer':
      return t('customer');
    case 'manual':
      return current.assignedBy ? t('manual', { name: current.assignedBy.name }) : t('manualUnknown');
    default:
      return current.assignedBy ? t('manual', { name: current.assignedBy.name }) : '';
  }
}
