/** "Load more comments", loaded only for a thread longer than its first part. */
export { LoadMore } from '../components/LoadMore.tsx';
export { bind } from './preact-parts.ts';
