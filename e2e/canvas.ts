import type { Page } from '@playwright/test';

/** The 3D view's pixels (red channel), copied through a 2D canvas. */
export async function canvasPixels(page: Page): Promise<number[]> {
  return page
    .getByTestId('viewer')
    .locator('canvas')
    .evaluate((canvas: HTMLCanvasElement) => {
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const context = copy.getContext('2d')!;
      context.drawImage(canvas, 0, 0);
      const { data } = context.getImageData(0, 0, copy.width, copy.height);
      return Array.from({ length: data.length / 4 }, (_, i) => data[4 * i]!);
    });
}

/** Standard deviation of pixel values: about 0 for a blank canvas. */
export function pixelSpread(pixels: readonly number[]): number {
  const mean = pixels.reduce((a, b) => a + b, 0) / pixels.length;
  return Math.sqrt(pixels.reduce((s, p) => s + (p - mean) ** 2, 0) / pixels.length);
}
