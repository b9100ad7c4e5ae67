/** The Gravatar picture, loaded only on a site with AVATARS=gravatar. */
export { Gravatar } from '../components/Gravatar.tsx';
export { bind } from './preact-parts.ts';
