/** The orders a reader may read the thread in, above the list; their choice is remembered. */
import type { ThreadSort } from '../../shared/types.ts';

export interface SortOrderProps {
  value: ThreadSort;
  onChange: (sort: ThreadSort) => void;
}

const ORDERS: [ThreadSort, string][] = [
  ['oldest', 'Oldest'],
  ['newest', 'Newest'],
  ['best', 'Best'],
];

export function SortOrder({ value, onChange }: SortOrderProps) {
  return (
    <label class="sort">
      Sort by{' '}
      <select
        value={value}
        onChange={(event) => onChange((event.target as HTMLSelectElement).value as ThreadSort)}
      >
        {ORDERS.map(([sort, label]) => (
          <option key={sort} value={sort}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}
