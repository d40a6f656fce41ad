/**
 * Hands a Blob to the browser as a download with a Windows-safe file name. Browser only.
 */

/** Characters Windows refuses in file names (plus control characters). */
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;
/** Names Windows reserves for devices, with or without an extension. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\.|$)/i;
const MAX_LENGTH = 150;

/**
 * A file name Windows accepts: the forbidden characters \ / : * ? " < > | are replaced by "_"
 * (replacing rather than deleting keeps "1:200" from reading as "1200"), surrounding spaces and
 * trailing dots are trimmed, device names get a leading "_", and an empty name becomes "下载".
 */
export function safeFilename(name: string): string {
  let out = name.replace(FORBIDDEN, '_').replace(/\s+/g, ' ').trim().replace(/[. ]+$/, '');
  if (out.length > MAX_LENGTH) out = Array.from(out).slice(0, MAX_LENGTH).join('').trim();
  if (RESERVED.test(out)) out = `_${out}`;
  return out === '' ? '下载' : out;
}

/** Saves `blob` as `filename` through a temporary <a download>; the object URL is revoked afterwards. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    // Revoking at once can cancel the download in some browsers; a minute is ample.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
