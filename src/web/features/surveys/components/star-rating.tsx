import { useId, useState } from 'react';
import { defineMessages } from '../../../lib/i18n.js';

const t = defineMessages({
  en: {
    star1: '1 star: poor',
    star2: '2 stars: fair',
    star3: '3 stars: good',
    star4: '4 stars: very good',
    star5: '5 stars: excellent',
    word1: 'Poor',
    word2: 'Fair',
    word3: 'Good',
    word4: 'Very good',
    word5: 'Excellent',
  },
});

const STARS = [1, 2, 3, 4, 5] as const;
const starLabel = (n: number) => t(`star${n}` as 'star1');
export const ratingWord = (n: number) => t(`word${n}` as 'word1');

/**
 * Five stars that are a native radio group: arrow keys move between them, each has a spoken label,
 * and the group has its legend and error. The stars only draw the choice.
 */
export function StarRating({ legend, value, onChange, error }: { legend: string; value: number | null; onChange: (rating: number) => void; error?: string | undefined }) {
  const name = useId();
  const errorId = `${name}-error`;
  const [hovered, setHovered] = useState<number | null>(null);
  const shown = hovered ?? value ?? 0;
  return (
    <fieldset className="star-rating" aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
      <legend className="star-rating__legend">{legend}</legend>
      <div className="star-rating__options" onPointerLeave={() => setHovered(null)}>
        {STARS.map((n) => (
          <label key={n} className={`star-rating__option ${n <= shown ? 'star-rating__option--on' : ''}`} onPointerEnter={() => setHovered(n)}>
            <input className="visually-hidden" type="radio" name={name} value={n} checked={value === n} onChange={() => onChange(n)} />
            <svg className="star-rating__star" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d="M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z" />
            </svg>
            <span className="visually-hidden">{starLabel(n)}</span>
          </label>
        ))}
        <span className="star-rating__word" aria-hidden="true">
          {shown ? ratingWord(shown) : ''}
        </span>
      </div>
      {error && (
        <span className="ui-field__error" id={errorId}>
          {error}
        </span>
      )}
    </fieldset>
  );
}

/** A rating drawn as stars, read out as "4 stars: very good". */
export function Stars({ rating, size = 20 }: { rating: number; size?: number }) {
  return (
    <span className="stars" role="img" aria-label={starLabel(rating)}>
      {STARS.map((n) => (
        <svg key={n} className={`stars__star ${n <= rating ? 'stars__star--on' : ''}`} width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z" />
        </svg>
      ))}
    </span>
  );
}
