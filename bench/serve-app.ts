/**
 * A server process running the real application, as `npm start` would, with the settings the
 * benchmark passes in BENCH_SETTINGS (JSON) rather than whatever the shell's environment holds.
 */
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/open.ts';
import { createStore } from '../server/db/store.ts';
import { serveForBenchmark } from './messages.ts';

const config = loadConfig(JSON.parse(process.env.BENCH_SETTINGS ?? '{}'));
const db = openDatabase(config.databasePath);
const store = createStore(db);
const app = await buildApp({
  config,
  db,
  store,
  widgetDir: process.env.BENCH_WIDGET_DIR || undefined,
});
app.addHook('onClose', async () => {
  db.close();
});
await serveForBenchmark(app);
