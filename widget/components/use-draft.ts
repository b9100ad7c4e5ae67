/** The reader's unsent comment, kept above the form so that moving the form never loses it. */
import { useState } from 'preact/hooks';
import type { CommentFormFields } from '../../shared/types.ts';
import { loadAuthor } from '../storage.ts';

/** The fields a reader types in, in the order the form shows them. */
export const FIELD_ORDER = ['body', 'name', 'email', 'website'] as const;

export interface Draft {
  fields: CommentFormFields;
  update: (changes: Partial<CommentFormFields>) => void;
}

export function useDraft(): Draft {
  const [fields, setFields] = useState<CommentFormFields>(() => {
    const saved = loadAuthor();
    return {
      body: '',
      name: saved?.name ?? '',
      email: saved?.email ?? '',
      website: saved?.website ?? '',
      remember: saved !== null,
      notify: false,
    };
  });
  return { fields, update: (changes) => setFields((current) => ({ ...current, ...changes })) };
}
