/**
 * Which Chromium the end-to-end tests and browser benchmarks drive, and how it is started. Looked up in order:
 * CHROMIUM_PATH, a `chromium` (or `chromium-browser`) on PATH, then a browser Playwright installed itself.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium } from '@playwright/test';

export const INSTALL_HINT = 'sudo apt-get install -y --no-install-recommends chromium libvulkan1';

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return null;
}

function playwrightBrowser(): string | null {
  try {
    const path = chromium.executablePath();
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** The Chromium binary to use, or null when there is none. A CHROMIUM_PATH that does not exist is an error. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const named = env.CHROMIUM_PATH;
  if (named) {
    if (!existsSync(named)) throw new Error(`CHROMIUM_PATH=${named} does not exist`);
    return named;
  }
  return onPath('chromium') ?? onPath('chromium-browser') ?? playwrightBrowser();
}

/** The Chromium binary, or an error whose one line says how to install one. */
export function requireChromium(): string {
  const path = findChromium();
  if (!path)
    throw new Error(`No Chromium found (CHROMIUM_PATH, PATH, Playwright). Install one: ${INSTALL_HINT}`);
  return path;
}

/** The flag without which headless Chromium offers no WebGPU adapter. */
export const WEBGPU_FLAG = '--enable-unsafe-webgpu';

// SwiftShader gives headless Chromium WebGPU and WebGL without a GPU; the network flags keep it quiet offline.
export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  WEBGPU_FLAG,
  '--enable-features=Vulkan',
  '--use-angle=swiftshader',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--ignore-gpu-blocklist',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
