/** Shown in place of a lab that this build does not include, so a chapter never crashes on it. */
export function PendingLab({ scenario }: { scenario?: string }) {
  return (
    <div className="error-box" role="note">
      This interactive lab{scenario ? ` (${scenario})` : ''} is not part of this build.
    </div>
  );
}
