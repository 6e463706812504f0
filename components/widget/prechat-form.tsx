'use client';

import { type FormEvent, useRef, useState } from 'react';
import { toAsciiDigits } from '@/lib/format';
import type { WidgetDict } from '@/lib/widget-i18n';
import { isEmail, PHONE_RE } from './message-store';
import type { WidgetContact } from './session-client';
import s from './widget.module.css';

type Errors = { name?: string; email?: string; phone?: string; contact?: string };

export function PrechatForm(props: {
  t: WidgetDict;
  contact: WidgetContact | null;
  offline: boolean;
  serverError: string | null;
  onSubmit: (p: { name: string; email?: string; phone?: string }) => void;
}) {
  const { t, contact, offline, serverError, onSubmit } = props;
  const [name, setName] = useState(contact?.name ?? '');
  const [email, setEmail] = useState(contact?.email ?? '');
  const [phone, setPhone] = useState(contact?.phone ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const nameRef = useRef<HTMLInputElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = name.trim();
    const em = email.trim();
    // Bengali keyboards type ০১৭…: the server wants ASCII digits.
    const ph = toAsciiDigits(phone.trim());
    const next: Errors = {};
    if (!n) next.name = t.errName;
    if (em && !isEmail(em)) next.email = t.errEmail;
    if (ph && !PHONE_RE.test(ph)) next.phone = t.errPhone;
    if (!em && !ph) next.contact = t.errContact;
    setErrors(next);
    if (next.name) return nameRef.current?.focus();
    if (next.phone || next.contact) return phoneRef.current?.focus();
    if (next.email) return emailRef.current?.focus();
    onSubmit({ name: n.slice(0, 120), ...(em ? { email: em } : {}), ...(ph ? { phone: ph } : {}) });
  };

  const contactErr = errors.contact;
  return (
    <form className={s.prechat} onSubmit={submit} noValidate aria-describedby="alap-prechat-intro">
      <p id="alap-prechat-intro">{offline ? t.prechatOfflineIntro : t.prechatIntro}</p>
      {serverError && (
        <div className={s.error} role="alert">
          {serverError}
        </div>
      )}
      <div className={s.field}>
        <label htmlFor="alap-name">{t.name}</label>
        <input
          id="alap-name"
          ref={nameRef}
          className={s.textField}
          data-testid="widget-prechat-name"
          autoComplete="name"
          dir="auto"
          maxLength={120}
          required
          value={name}
          aria-invalid={!!errors.name || undefined}
          aria-describedby={errors.name ? 'alap-name-err' : undefined}
          onChange={(e) => setName(e.target.value)}
        />
        {errors.name && (
          <span id="alap-name-err" className={s.error}>
            {errors.name}
          </span>
        )}
      </div>
      <div className={s.field}>
        <label htmlFor="alap-phone">{t.phone}</label>
        <input
          id="alap-phone"
          ref={phoneRef}
          className={s.textField}
          data-testid="widget-prechat-phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          maxLength={20}
          value={phone}
          aria-invalid={!!(errors.phone || contactErr) || undefined}
          aria-describedby={errors.phone ? 'alap-phone-err' : contactErr ? 'alap-contact-err' : 'alap-contact-hint'}
          onChange={(e) => setPhone(e.target.value)}
        />
        {errors.phone && (
          <span id="alap-phone-err" className={s.error}>
            {errors.phone}
          </span>
        )}
      </div>
      <div className={s.field}>
        <label htmlFor="alap-email">{t.email}</label>
        <input
          id="alap-email"
          ref={emailRef}
          className={s.textField}
          data-testid="widget-prechat-email"
          type="email"
          inputMode="email"
          autoComplete="email"
          maxLength={200}
          value={email}
          aria-invalid={!!(errors.email || contactErr) || undefined}
          aria-describedby={errors.email ? 'alap-email-err' : contactErr ? 'alap-contact-err' : 'alap-contact-hint'}
          onChange={(e) => setEmail(e.target.value)}
        />
        {errors.email && (
          <span id="alap-email-err" className={s.error}>
            {errors.email}
          </span>
        )}
      </div>
      {contactErr ? (
        <span id="alap-contact-err" className={s.error} role="alert">
          {contactErr}
        </span>
      ) : (
        <span id="alap-contact-hint" className={s.hint}>
          {t.phoneOrEmail}
        </span>
      )}
      <button type="submit" className={s.primary} data-testid="widget-prechat-submit">
        {t.startChat}
      </button>
    </form>
  );
}
