const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every user-supplied string goes through this before it reaches an HTML part. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML[c] as string);

/** Names in a subject or a plain-text line: no line breaks (header and layout injection). */
export const oneLine = (s: string, max = 200) =>
  s
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .trim()
    .slice(0, max);
