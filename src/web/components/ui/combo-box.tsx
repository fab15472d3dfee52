import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import './combo-box.css';

export interface ComboBoxOption {
  value: string;
  label: string;
  /** A second, quieter line (a kind, an address). */
  detail?: ReactNode;
}

interface ComboBoxProps {
  /** What the person types; the parent searches with it and passes the matches as `options`. */
  query: string;
  onQueryChange(query: string): void;
  options: ComboBoxOption[];
  onSelect(option: ComboBoxOption): void;
  loading?: boolean;
  /** Shown in the list when the search found nothing. */
  emptyText: string;
  placeholder?: string;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/**
 * A text box that searches and offers matches in a list (the ARIA 1.2 combobox pattern): arrows
 * move through the matches, Enter picks one, Escape closes the list. Wrap it in a Field for its label.
 */
export function ComboBox({ query, onQueryChange, options, onSelect, loading, emptyText, placeholder, id, ...aria }: ComboBoxProps) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const expanded = open && (options.length > 0 || (!loading && query.trim().length > 0));

  const pick = (option: ComboBoxOption) => {
    onSelect(option);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, options.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter' && expanded && options[active]) {
      event.preventDefault();
      pick(options[active]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div className="ui-combo">
      <input
        {...aria}
        id={id}
        className="ui-input"
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        placeholder={placeholder}
        value={query}
        onChange={(e) => {
          onQueryChange(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        // Closing on blur waits a moment so a click on an option still lands.
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" className="ui-combo__list" hidden={!expanded}>
        {options.map((option, index) => (
          <li
            key={option.value}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className="ui-combo__option"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(option)}
          >
            <span>{option.label}</span>
            {option.detail && <span className="ui-combo__detail">{option.detail}</span>}
          </li>
        ))}
        {options.length === 0 && !loading && <li className="ui-combo__empty">{emptyText}</li>}
      </ul>
    </div>
  );
}
