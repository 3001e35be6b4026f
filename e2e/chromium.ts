/** How the e2e tests start Debian's Chromium (see playwright.config.ts). */
import { existsSync } from 'node:fs';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function assertChromium(): void {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}. Install Debian's build with\n` +
        '  sudo apt-get install -y --no-install-recommends chromium libvulkan1\n' +
        'or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
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
