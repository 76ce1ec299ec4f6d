/**
 * Text made safe for HTML, in element content and in double-quoted attribute values alike. Every
 * value an e-mail's HTML shows goes through it: messages, details and names come from the database
 * and, upstream, from the operations app's data entry.
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
