/** The token in a pasted address ("http://…/#token=T") or a bare token; null when there is none. */
export function tokenFromText(text: string): string | null {
  const t = text.trim();
  const m = /(?:^|[#&])token=([^&\s]+)/.exec(t);
  if (m?.[1]) return decodeURIComponent(m[1]);
  return /^[A-Za-z0-9._~-]{16,256}$/.test(t) ? t : null;
}
