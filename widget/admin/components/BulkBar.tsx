/** "Select all" and the actions for every ticked comment at once. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BulkAction, QueueStatus } from '../api.ts';
import { say } from '../say.ts';
import { ACTION_LABELS } from './results.ts';

interface BulkBarProps {
  status: QueueStatus;
  total: number;
  checked: number;
  onSelectAll: (all: boolean) => void;
  onAction: (action: BulkAction) => Promise<void>;
}

const BULK_ACTIONS: Record<QueueStatus, BulkAction[]> = {
  pending: ['approve', 'spam', 'trash'],
  approved: ['unapprove', 'spam', 'trash'],
  spam: ['approve', 'restore', 'delete'],
  trash: ['restore', 'delete'],
};

export function BulkBar({ status, total, checked, onSelectAll, onAction }: BulkBarProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const selectAll = useRef<HTMLInputElement>(null);

  // Neither ticked nor unticked when only some are: the checkbox shows it, as mail clients do.
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = checked > 0 && checked < total;
  }, [checked, total]);

  const run = async (action: BulkAction) => {
    if (busy || checked === 0) return;
    setBusy(true);
    try {
      await onAction(action);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <fieldset class="bulk">
      <legend class="visually-hidden">{say('bulkActions')}</legend>
      <label class="select-all">
        <input
          type="checkbox"
          ref={selectAll}
          checked={checked > 0 && checked === total}
          onChange={(event) => onSelectAll((event.target as HTMLInputElement).checked)}
        />
        {say('selectAll')}
      </label>
      <span class="selected-count">{say('selected', { n: checked })}</span>
      {confirming ? (
        <span class="confirm">
          <span>{say('deleteTicked', { n: checked })}</span>
          <button type="button" class="danger" onClick={() => run('delete')}>
            {say('yesDelete')}
          </button>
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>
            {say('cancel')}
          </button>
        </span>
      ) : (
        BULK_ACTIONS[status].map((action) => (
          <button
            key={action}
            type="button"
            class={action === 'delete' ? 'danger' : 'secondary'}
            disabled={checked === 0}
            aria-disabled={busy || undefined}
            onClick={() => (action === 'delete' ? setConfirming(true) : run(action))}
          >
            {say(ACTION_LABELS[action])}
          </button>
        ))
      )}
    </fieldset>
  );
}
