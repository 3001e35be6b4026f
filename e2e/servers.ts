/**
 * The two servers the end-to-end tests run against: the production build (preview) and the dev server.
 * E2E_PORT moves both (preview on it, dev on the next port) so two checkouts can run their tests side by side.
 */
const base = Number(process.env.E2E_PORT ?? 4179);
export const PREVIEW_PORT = base;
export const DEV_PORT = base + 1;
export const DEV_URL = `http://127.0.0.1:${DEV_PORT}`;
