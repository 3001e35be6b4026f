/** The button in the 3D view's corner that puts the camera back where the lesson starts. */
export function ResetViewButton({ onReset }: { onReset: () => void }) {
  return (
    <button type="button" className="viewer-reset" onClick={onReset}>
      Reset view
    </button>
  );
}
