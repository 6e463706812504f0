import type { MessageDto } from '@/lib/contracts/chat';

export type UploadFailure = 'virus' | 'type' | 'too_large' | 'scanner';
export type UploadResult = { ok: true; message: MessageDto } | { ok: false; message: string; reason: UploadFailure | null };

/**
 * Sends a file to a conversation (POST /api/attachments, server/files): with the desk's session cookie, or the
 * widget visitor's token. XMLHttpRequest, not fetch, for upload progress on slow mobile networks.
 */
export function uploadFile(opts: { conversationId: string; clientId: string; file: File; bearer?: string; onProgress?: (fraction: number) => void; base?: string }): Promise<UploadResult> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const q = new URLSearchParams({ conversationId: opts.conversationId, clientId: opts.clientId, name: opts.file.name.slice(0, 200) });
    xhr.open('POST', `${opts.base ?? ''}/api/attachments?${q}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    if (opts.bearer) xhr.setRequestHeader('authorization', `Bearer ${opts.bearer}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && opts.onProgress?.(e.loaded / e.total);
    xhr.onload = () => {
      let body: { message?: MessageDto; error?: { message?: string; reason?: UploadFailure | null } } | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: below */
      }
      if (xhr.status === 200 && body?.message) resolve({ ok: true, message: body.message });
      else resolve({ ok: false, message: body?.error?.message ?? `The file was not sent (${xhr.status})`, reason: body?.error?.reason ?? null });
    };
    xhr.onerror = () => resolve({ ok: false, message: 'The file was not sent: no connection', reason: null });
    xhr.send(opts.file);
  });
}
