import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';

/** What may be shared, by content (magic numbers), never by the name or the declared type. */
const ACCEPTED: Record<string, { ext: string; image: boolean }> = {
  'image/jpeg': { ext: 'jpg', image: true },
  'image/png': { ext: 'png', image: true },
  'image/webp': { ext: 'webp', image: true },
  'image/gif': { ext: 'gif', image: true },
  'application/pdf': { ext: 'pdf', image: false },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { ext: 'docx', image: false },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { ext: 'xlsx', image: false },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { ext: 'pptx', image: false },
  'application/vnd.oasis.opendocument.text': { ext: 'odt', image: false },
  'application/vnd.oasis.opendocument.spreadsheet': { ext: 'ods', image: false },
};

export const ACCEPTED_TEXT = 'images (JPEG, PNG, WebP, GIF), PDF and Office documents (Word, Excel, PowerPoint, OpenDocument)';

export type Inspected = { mime: string; ext: string; image: boolean };

/** The file's real type, or null when it is not one we accept (whatever its name says). */
export async function inspectContent(data: Buffer): Promise<Inspected | null> {
  const found = await fileTypeFromBuffer(data);
  const accepted = found ? ACCEPTED[found.mime] : undefined;
  return found && accepted ? { mime: found.mime, ...accepted } : null;
}

/**
 * A name safe to show and to offer for download: no directories (path traversal), no control or bidirectional
 * characters, at most 120 characters, and the extension of what the file really is.
 */
export function safeFileName(declared: string, ext: string) {
  const base = path.posix.basename(path.win32.basename(declared || 'file'));
  const stem = base
    .replace(/\.[^.]*$/, '')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"/\\|?*]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 110);
  return `${stem || 'file'}.${ext}`;
}

/**
 * Images are decoded and encoded again: what reaches others is pixels only. Camera metadata (EXIF, GPS position,
 * XMP, ICC comments) is dropped, the picture is turned upright first, anything hidden after the image data is
 * gone, and a file that only looks like an image fails to decode. At most 40 megapixels.
 */
export async function reencodeImage(data: Buffer, mime: string): Promise<Buffer> {
  const img = sharp(data, { limitInputPixels: 40_000_000, animated: mime === 'image/gif' }).rotate();
  if (mime === 'image/jpeg') return img.jpeg({ quality: 88, mozjpeg: true }).toBuffer();
  if (mime === 'image/png') return img.png().toBuffer();
  if (mime === 'image/webp') return img.webp({ quality: 88 }).toBuffer();
  return img.gif().toBuffer();
}
