import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { DeliveryClaim } from './claim.ts';
import type { RenderedEmail } from './render-email.ts';

/**
 * The e-mail channel: SMTP through nodemailer, one message per delivery. The Message-ID is made of
 * the delivery's id, so a message sent twice (a crash between the server's acceptance and the
 * worker's record of it) carries the same id and mail systems can tell it is one message; the
 * alert's own id in References threads every message of one alert together.
 */
export type Mailer = {
  send(claim: DeliveryClaim, email: RenderedEmail): Promise<{ messageId: string; response: string }>;
  close(): void;
};

/** `<delivery id@console host>`: the same on every attempt of one delivery. */
export function messageIdFor(deliveryId: string, consoleBase: string): string {
  return `<${deliveryId}@${new URL(consoleBase).hostname}>`;
}

export function alertThreadId(alertId: string, consoleBase: string): string {
  return `<alert-${alertId}@${new URL(consoleBase).hostname}>`;
}

/** The message nodemailer sends for one delivery (exported for the tests). */
export function mailOptions(claim: DeliveryClaim, email: RenderedEmail, from: string, consoleBase: string): SendMailOptions {
  const to = claim.recipient.name ? { name: claim.recipient.name, address: claim.recipient.email ?? '' } : (claim.recipient.email ?? '');
  return {
    from,
    to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: messageIdFor(claim.id, consoleBase),
    references: claim.alert ? alertThreadId(claim.alert.id, consoleBase) : undefined,
    headers: {
      // RFC 3834: an automatic message — no out-of-office replies, no loops.
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      'X-Governance-Delivery': claim.id,
      ...(claim.alert ? { 'X-Governance-Alert': claim.alert.id } : {}),
    },
  };
}

export function createMailer(options: {
  smtpUrl: string;
  from: string;
  consoleBase: string;
  timeoutMs: number;
  /** Connections kept open to the SMTP server (one per concurrent job at most). */
  maxConnections: number;
}): Mailer {
  // A pool: a burst of alerts reuses a few connections instead of a handshake per message. A
  // connection the server dropped (a restart) is replaced on the next message.
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    pool: true,
    maxConnections: options.maxConnections,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs * 2,
  });
  return {
    async send(claim, email) {
      const info = await transport.sendMail(mailOptions(claim, email, options.from, options.consoleBase));
      const rejected = (info.rejected ?? []).map(String);
      if (rejected.length > 0) throw new Error(`SMTP : destinataire refusé (${rejected.join(', ')}) — ${info.response}`);
      return { messageId: info.messageId, response: info.response };
    },
    close() {
      transport.close();
    },
  };
}
