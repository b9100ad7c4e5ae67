/**
 * The site owner's moderation dashboard, served at /admin. A bundle of its own: readers never
 * download it, and it may be larger than the embed script.
 */
import { render } from 'preact';
import { App } from './components/App.tsx';

const root = document.getElementById('admin');
if (root) {
  // The page's <noscript> note goes; everything else is the dashboard's.
  root.replaceChildren();
  render(<App />, root);
} else {
  console.error('Leave a Reply admin: this page has no element with id "admin".');
}
