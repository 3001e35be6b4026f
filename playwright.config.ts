import { defineConfig } from '@playwright/test';
import { chromiumArgs, requireChromium } from './scripts/lib/chromium.ts';

const port = 4179;

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: { executablePath: requireChromium(), args: chromiumArgs },
  },
  webServer: {
    command: `npx vite build && npx vite preview --strictPort --port ${port} --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
