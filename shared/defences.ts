/**
 * The defences whose work the dashboard's overview counts, in the order it lists them: the
 * server counts by these names and the dashboard shows them.
 */
export const DEFENCES = [
  'honeypot',
  'timing',
  'flood',
  'rate_limit',
  'blocklist',
  'links',
  'words',
  'impersonation',
  'challenge',
  'akismet',
] as const;
export type Defence = (typeof DEFENCES)[number];
