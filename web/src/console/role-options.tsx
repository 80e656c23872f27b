import { t } from '../strings.ts';

/** The roles an admin may give, as a select's options: in the order the console offers them everywhere. */
export function RoleOptions() {
  return (
    <>
      {(['member', 'viewer', 'admin'] as const).map((r) => (
        <option key={r} value={r}>
          {t.role(r)}
        </option>
      ))}
    </>
  );
}
