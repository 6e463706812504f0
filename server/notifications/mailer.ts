import nodemailer, { type Transporter } from 'nodemailer';
import { errorText, logger } from '@/server/core/logger';

/** The SMTP URL with timeouts, so a mail server that does not answer never holds a request for long. */
function withTimeouts(url: string) {
  const u = new URL(url);
  for (const [k, v] of [['connectionTimeout', '10000'], ['greetingTimeout', '10000'], ['socketTimeout', '20000']] as const) if (!u.searchParams.has(k)) u.searchParams.set(k, v);
  return u.toString();
}

export type MailerOptions = { url?: string; from?: string };

/**
 * Outgoing mail over SMTP (nodemailer), optional: without SMTP_URL nothing is sent and the console shows links to
 * copy instead. A failure is logged and reported to the caller as false, never thrown: the link still works.
 */
export class Mailer {
  private transport: Transporter | null;
  private from: string;

  constructor(opts: MailerOptions = {}) {
    this.transport = opts.url ? nodemailer.createTransport(withTimeouts(opts.url)) : null;
    this.from = opts.from || 'Alap <no-reply@localhost>';
  }

  get enabled() {
    return this.transport !== null;
  }

  async send(msg: { to: string; subject: string; text: string }): Promise<boolean> {
    if (!this.transport) return false;
    try {
      await this.transport.sendMail({ from: this.from, to: msg.to, subject: msg.subject, text: msg.text });
      return true;
    } catch (e) {
      logger.warn('mail.failed', { error: errorText(e) });
      return false;
    }
  }

  close() {
    this.transport?.close();
  }
}
