import { type Flaw, loadFlawCatalog } from '@rampart/example-demo-support';

export type { Flaw, FlawCategory } from '@rampart/example-demo-support';

/** Where the ground-truth file lives: the package root, one level above both `src/` and `dist/`. */
export const FLAWS_FILE_URL = new URL('../flaws.json', import.meta.url);

const catalog = loadFlawCatalog(FLAWS_FILE_URL);

/** Every flaw, in the order of `flaws.json` (the single source of truth for the switches). */
export const FLAWS: readonly Flaw[] = catalog.flaws;

/** Every flaw id (switch name). */
export const FLAW_IDS: readonly string[] = catalog.ids;
