const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every user-supplied string goes through this before it reaches an HTML part. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML[c] as string);

/** Names in a subject or a plain-text line: no line breaks (header and layout injection). */
export const oneLine = (s: string, max = 200) =>
  s
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .trim()
    .slice(0, max);

/** A person as an admin email names them: "Name (email)", or the email alone when they gave no name. */
export const nameAndEmail = (name: string, email: string) => (name.trim() ? `${oneLine(name)} (${oneLine(email)})` : oneLine(email));
