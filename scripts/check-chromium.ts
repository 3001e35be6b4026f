/** `npm test`'s first step: fail at once, in one line, when no Chromium exists for the end-to-end tests. */
import { requireChromium } from './lib/chromium.ts';

try {
  console.log(`Chromium: ${requireChromium()}`);
} catch (error) {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
