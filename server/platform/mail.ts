import nodemailer from 'nodemailer';
import type { Mailer } from '#modules/notifications/notifications.service.ts';

/**
 * Sends mail through an SMTP server given as a URL, e.g. smtps://user:pass@smtp.example.com:465
 * or smtp://relay.internal:25 (nodemailer parses it; TLS and authentication come from the URL).
 * Links in the app are written out against `publicUrl`, the address users open Guanxi at.
 */
export function smtpMailer(url: string, from: string, publicUrl: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send({ to, subject, text, link }) {
      const body = link ? `${text}\n\n${new URL(link, publicUrl).href}` : text;
      await transport.sendMail({ from, to, subject, text: body });
    },
  };
}
