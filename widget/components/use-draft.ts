/** The reader's unsent comment, kept above the form so that moving the form never loses it. */
import { useState } from 'preact/hooks';
import { loadAuthor } from '../storage.ts';

export interface DraftFields {
  body: string;
  name: string;
  email: string;
  website: string;
  remember: boolean;
  /** Mail me about replies; unticked until the reader ticks it. */
  notify: boolean;
}

/** The fields a reader types in, in the order the form shows them. */
export const FIELD_ORDER = ['body', 'name', 'email', 'website'] as const;

export interface Draft {
  fields: DraftFields;
  update: (changes: Partial<DraftFields>) => void;
}

export function useDraft(): Draft {
  const [fields, setFields] = useState<DraftFields>(() => {
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
