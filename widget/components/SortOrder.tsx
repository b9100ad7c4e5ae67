/** The orders a reader may read the thread in, above the list; their choice is remembered. */
import { R, type Say } from '../../shared/i18n/reader-text.ts';
import type { ThreadSort } from '../../shared/types.ts';

export interface SortOrderProps {
  value: ThreadSort;
  onChange: (sort: ThreadSort) => void;
}

const ORDERS: [ThreadSort, R][] = [
  ['oldest', R.Oldest],
  ['newest', R.Newest],
  ['best', R.Best],
];

export function SortOrder({ value, onChange, say }: SortOrderProps & { say: Say }) {
  return (
    <label class="sort">
      {say(R.SortBy)}{' '}
      <select
        value={value}
        onChange={(event) => onChange((event.target as HTMLSelectElement).value as ThreadSort)}
      >
        {ORDERS.map(([sort, label]) => (
          <option key={sort} value={sort}>
            {say(label)}
          </option>
        ))}
      </select>
    </label>
  );
}
