/** Every IANA zone this browser knows, with `current` kept selectable when this browser does not list it (an older one, or another spelling). */
function zonesWith(current: string): string[] {
  const known = Intl.supportedValuesOf('timeZone');
  return current && !known.includes(current) ? [current, ...known] : known;
}

/** The IANA time zones as a select's options, after the caller's own empty choice (a member's org page has its own copy: pages/org/email-settings.tsx). */
export function TimeZoneOptions(props: { current: string }) {
  return (
    <>
      {zonesWith(props.current).map((z) => (
        <option key={z} value={z}>
          {z}
        </option>
      ))}
    </>
  );
}
