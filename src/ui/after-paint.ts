/**
 * Resolves once the page has drawn the frame after the current one (two animation frames: the first runs before the
 * next paint, the second after it), or after `fallbackMs` when no frame comes (a hidden tab draws none).
 */
export function afterNextPaint(fallbackMs = 500): Promise<void> {
  return new Promise((resolve) => {
    const timer = window.setTimeout(resolve, fallbackMs);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        window.clearTimeout(timer);
        resolve();
      }),
    );
  });
}
