/**
 * Where the package's folders are. Every path is taken relative to this file, which sits at the
 * top of server/ when run from the sources and is bundled into dist/server.js when built: both
 * one folder below the package's root, so the same relative paths hold in either.
 */
import { fileURLToPath } from 'node:url';

/** The package's root folder, holding package.json. */
export const PACKAGE_DIR = fileURLToPath(new URL('../', import.meta.url));
/** The demo blog served at / while DEMO is on. */
export const DEMO_DIR = fileURLToPath(new URL('../demo/', import.meta.url));
/** What `npm run build` makes: the server as JavaScript, and the widget's bundles. */
export const DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url));
/** The built widget (embed.js, its stylesheet, count.js and the dashboard), served as files. */
export const WIDGET_DIST_DIR = fileURLToPath(new URL('../dist/widget/', import.meta.url));
