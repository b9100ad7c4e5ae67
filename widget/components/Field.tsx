/** A labelled input with its error message right below it. */

interface FieldProps {
  id: string;
  label: string;
  value: string;
  error?: string;
  required?: boolean;
  multiline?: boolean;
  type?: 'text' | 'email' | 'url';
  autoComplete?: string;
  inputRef: (element: HTMLInputElement | HTMLTextAreaElement | null) => void;
  onInput: (value: string) => void;
}

// No maxLength on the inputs: a browser would silently cut a long paste, and the reader would
// lose text. The length checks report it instead.
export function Field({
  id,
  label,
  value,
  error,
  required,
  multiline,
  type,
  autoComplete,
  inputRef,
  onInput,
}: FieldProps) {
  const errorId = `${id}-error`;
  const common = {
    id,
    name: id,
    value,
    required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    onInput: (event: Event) => onInput((event.target as HTMLInputElement).value),
  };
  return (
    <p class={`field field-${id}`}>
      <label for={id}>
        {label}
        {required && <span class="required"> *</span>}
      </label>
      {multiline ? (
        <textarea {...common} ref={inputRef} rows={8} />
      ) : (
        <input
          {...common}
          ref={inputRef}
          type={(type ?? 'text') as 'text'}
          autoComplete={autoComplete}
        />
      )}
      {error && (
        <span class="error" id={errorId}>
          {error}
        </span>
      )}
    </p>
  );
}
