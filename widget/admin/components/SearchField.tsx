/** A labelled search box of the filters, as long as a search the API takes. */
import type { ComponentChildren } from 'preact';

/** The longest search the API takes. */
const SEARCH_MAX = 200;

interface SearchFieldProps {
  id: string;
  label: string;
  /** The field's own class, beside `field`. */
  kind: string;
  placeholder: string;
  value: string;
  onInput: (value: string) => void;
  /** The id of what the box narrows, when that is another element. */
  controls?: string;
  onKeyDown?: (event: KeyboardEvent) => void;
  /** Shown after the box, e.g. why it found nothing. */
  children?: ComponentChildren;
}

export function SearchField({
  id,
  label,
  kind,
  placeholder,
  value,
  onInput,
  controls,
  onKeyDown,
  children,
}: SearchFieldProps) {
  return (
    <p class={`field ${kind}`}>
      <label for={id}>{label}</label>
      <input
        id={id}
        type="search"
        maxLength={SEARCH_MAX}
        placeholder={placeholder}
        aria-controls={controls}
        value={value}
        onInput={(event) => onInput((event.target as HTMLInputElement).value)}
        onKeyDown={onKeyDown}
      />
      {children}
    </p>
  );
}
