/** The two servers the end-to-end tests run against: the production build (preview) and the dev server. */
export const PREVIEW_PORT = 4179;
export const DEV_PORT = 4180;
export const DEV_URL = `http://127.0.0.1:${DEV_PORT}`;
