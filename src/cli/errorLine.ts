/** The longest error line the CLI prints, in characters. */
export const MAX_ERROR_LINE = 300;

/**
 * One terminal-safe line for stderr: control characters (C0, DEL, C1, and the bidirectional
 * overrides that reorder what a terminal shows) are escaped as \n, \t, \x1b or \u202e, and
 * anything past MAX_ERROR_LINE characters is cut with "…". Whatever an input file or a venue put
 * in a message cannot break the line, move the cursor or recolour the terminal.
 */
export function errorLine(message: string): string {
  let out = '';
  // Only as much of a huge message as can be shown is looked at.
  for (const ch of message.slice(0, MAX_ERROR_LINE * 2)) {
    out += escapeChar(ch);
    if (out.length > MAX_ERROR_LINE) break;
  }
  if (out.length <= MAX_ERROR_LINE && message.length <= MAX_ERROR_LINE * 2) return out;
  return `${sliceWhole(out, MAX_ERROR_LINE - 1)}…`;
}

function escapeChar(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code === 0x0a) return '\\n';
  if (code === 0x0d) return '\\r';
  if (code === 0x09) return '\\t';
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `\\x${code.toString(16).padStart(2, '0')}`;
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0x2028 || code === 0x2029) {
    return `\\u${code.toString(16)}`;
  }
  return ch;
}

/** The first `n` UTF-16 units, without splitting a surrogate pair or an escape. */
function sliceWhole(text: string, n: number): string {
  let cut = text.slice(0, n);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  const escape = /\\(?:x[0-9a-f]?|u[0-9a-f]{0,3})?$/.exec(cut);
  return escape ? cut.slice(0, escape.index) : cut;
}

/** Why a file could not be read, in words (the errno code in brackets). */
export function fileProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const words: Record<string, string> = {
    ENOENT: 'no such file',
    EISDIR: 'it is a directory, not a file',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOTDIR: 'a part of the path is not a directory',
    ELOOP: 'too many symbolic links',
    ENAMETOOLONG: 'the name is too long',
    EMFILE: 'too many open files',
    EIO: 'input/output error',
  };
  if (code && words[code]) return `${words[code]} (${code})`;
  return code ?? (e instanceof Error ? e.message : String(e));
}
