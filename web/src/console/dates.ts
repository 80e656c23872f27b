/**
 * Every date the console shows goes through here, so they all read alike: in English, as the console's
 * words are (strings.ts's formats: "Dec 5, 2026" and "Dec 5, 2026, 10:00 AM"; a German date inside an
 * English sentence would read worse than an English one), in the admin's own time zone (the browser's).
 * The relative phrases ("ends in 3 days", "in 2 days") are strings-console.ts's words.
 */
import { t } from '../strings.ts';
import { c } from '../strings-console.ts';

/** A moment: an end of access, an audit event, a request. */
export const dateTime = t.dateTime;
/** A day: when someone joined, an invitation was sent or expires. */
export const date = t.date;
/** A member's end of access from now: "ends in 3 days", "ended". */
export const endsIn = c.endsIn;
/** An invitation's expiry from now: "in 2 days", "expired". */
export const expiresIn = c.invitations.expiresIn;
