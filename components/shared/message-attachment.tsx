import type { MessageAttachment as Attachment } from '@/lib/contracts/chat';
import s from './message-card.module.css';

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** A shared file in a message: a picture shows (click: full size), a document is a link that downloads. */
export function MessageAttachment({ a }: { a: Attachment }) {
  if (a.mime.startsWith('image/')) {
    return (
      <a className={s.attachmentImage} href={a.url} target="_blank" rel="noopener noreferrer" data-testid="message-attachment" data-mime={a.mime}>
        <img src={a.url} alt={a.name} loading="lazy" />
      </a>
    );
  }
  return (
    <a className={s.attachmentFile} href={a.url} download={a.name} data-testid="message-attachment" data-mime={a.mime}>
      <span aria-hidden="true">📄</span>
      <span className={s.attachmentName} dir="auto">
        {a.name}
      </span>
      <span className={s.attachmentSize}>{size(a.size)}</span>
    </a>
  );
}
