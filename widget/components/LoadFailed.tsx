/** What a part of the page that could not load shows instead: why, and a button to try again. */

interface LoadFailedProps {
  message: string;
  onRetry: () => void;
  /** The button's words, in the reader's language. */
  tryAgain: string;
}

export function LoadFailed({ message, onRetry, tryAgain }: LoadFailedProps) {
  return (
    <div class="status" role="alert">
      <p>{message}</p>
      <button type="button" onClick={onRetry}>
        {tryAgain}
      </button>
    </div>
  );
}
