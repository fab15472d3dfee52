import { Button, ButtonLink } from '../../../components/ui/index.js';
import type { TechnicianAppointment } from '../../../lib/api-types.js';
import type { Step } from '../api/take-step.js';
import type { useVisitStep } from '../hooks/use-visit-step.js';
import { availableSteps, stepLabel } from '../utils/visit-steps.js';

interface StepButtonsProps {
  visit: TechnicianAppointment;
  steps: ReturnType<typeof useVisitStep>;
  /** Pause and Complete need a form: on the visit page it opens in place; from a card they lead there. */
  onOpenForm?: (step: 'pause' | 'complete') => void;
  /** Secondary look for visits that are not next, so the day's one main action stands out. */
  quiet?: boolean;
}

/**
 * The big buttons for the visit's next step: one (On my way, Start, Resume) or two (Pause and
 * Complete). Every button is blocked while a step is being sent, so a double tap sends one step.
 */
export function StepButtons({ visit, steps, onOpenForm, quiet }: StepButtonsProps) {
  const available = availableSteps(visit);
  if (available.length === 0) return null;
  // Completing is the goal of a visit under way; pausing is the exception.
  const primary = available.find((step) => step !== 'pause') ?? available[0]!;

  const button = (step: Step) => {
    const variant = step === primary && !quiet ? 'primary' : 'secondary';
    if (step === 'pause' || step === 'complete') {
      if (onOpenForm)
        return (
          <Button key={step} variant={variant} size="large" disabled={steps.pending} onClick={() => onOpenForm(step)}>
            {stepLabel(step)}
          </Button>
        );
      return (
        <ButtonLink key={step} variant={variant} size="large" href={`/tech/visits/${visit.id}?step=${step}`}>
          {stepLabel(step)}
        </ButtonLink>
      );
    }
    return (
      <Button key={step} variant={variant} size="large" loading={steps.pendingStep === step} disabled={steps.pending} onClick={() => steps.run({ step })}>
        {stepLabel(step)}
      </Button>
    );
  };

  return <div className={`tech-day__steps tech-day__steps--${available.length > 1 ? 'pair' : 'single'}`}>{available.map(button)}</div>;
}
