import type { Role } from '../model.ts';

/** How every email names a role in a sentence ("... as a member"). */
export const roleLabel: Record<Role, string> = { admin: 'an admin', member: 'a member', viewer: 'a viewer' };

/** The one HTML shell of every email; `body` is markup whose user-supplied parts are already escaped. */
export const emailHtml = (body: string) => `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">
${body}
</body></html>`;
