import { defineConfig } from '@playwright/test';
import { DEV_PORT, DEV_URL, PREVIEW_PORT } from './e2e/servers.ts';
import { chromiumArgs, requireChromium } from './scripts/lib/chromium.ts';

const preview = `http://127.0.0.1:${PREVIEW_PORT}`;

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: preview,
    launchOptions: { executablePath: requireChromium(), args: chromiumArgs },
  },
  webServer: [
    {
      command: `npx vite build && npx vite preview --strictPort --port ${PREVIEW_PORT} --host 127.0.0.1`,
      url: preview,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
    {
      command: `npx vite --strictPort --port ${DEV_PORT} --host 127.0.0.1`,
      url: DEV_URL,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
  ],
});
