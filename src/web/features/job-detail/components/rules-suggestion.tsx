import { Button } from '../../../components/ui/index.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useDebouncedValue } from '../../../lib/use-debounced-value.js';
import { useWindowSuggestions } from '../api/get-assignment-suggestions.js';

const t = defineMessages({
  en: {
    suggests: 'The dispatch rules suggest {name}: {reason}',
    isChoice: '{name} is the dispatch rules’ choice: {reason}',
    choose: 'Choose {name}',
  },
});

/**
 * In the schedule dialog: whom the dispatch rules would send in the window being entered, and why,
 * with a button to take that technician. The dispatcher's choice stays theirs.
 */
export function RulesSuggestion({ jobId, windowStart, windowEnd, technicianId, onChoose }: { jobId: string; windowStart: string | null; windowEnd: string | null; technicianId: string; onChoose(id: string): void }) {
  // A string settles (an object would be new on every render and never settle).
  const settled = useDebouncedValue(windowStart && windowEnd && windowEnd > windowStart ? `${windowStart}|${windowEnd}` : '', 300);
  const [start, end] = settled.split('|');
  const window = start && end ? { windowStart: start, windowEnd: end } : null;
  const suggestions = useWindowSuggestions(jobId, window);
  const best = suggestions.data?.candidates.find((c) => c.eligible);
  if (!window || !best) return null;
  const chosen = best.technicianId === technicianId;
  return (
    <div className="job-detail__rules-suggestion" role="status">
      <p className="small">{t(chosen ? 'isChoice' : 'suggests', { name: best.name, reason: best.reason })}</p>
      {!chosen && (
        <div>
          <Button size="small" variant="secondary" onClick={() => onChoose(best.technicianId)}>
            {t('choose', { name: best.name })}
          </Button>
        </div>
      )}
    </div>
  );
}
