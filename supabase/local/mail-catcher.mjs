/**
 * The local mail catcher, as the Supabase CLI's local stack has one: an SMTP server that accepts
 * every message and keeps it (nothing is relayed), and a web inbox to read them — `npm run dev`
 * starts it on SMTP 54325 / web 54324, `npm test` on 55325 / 55324. Built on `smtp-server` and
 * `mailparser`, the SMTP server and parser of the nodemailer project (README: why not maildev).
 *
 * Web (127.0.0.1 only):
 *   GET /                 the inbox, newest first (refreshes itself)
 *   GET /message/<id>     one message: headers, plain text, and the HTML in a sandboxed frame
 *   GET /email            every message as JSON (id, messageId, subject, from, to, date, text, html, headers)
 *   GET /email/<id>       one message as JSON;   GET /email/<id>/html   its HTML, sandboxed by CSP
 *   DELETE /email/all     empties the inbox
 *   POST /smtp/stop|start only with `control` (the tests): closes or reopens the SMTP port, so the
 *                         worker's deliveries fail and retry; the inbox keeps what it has.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** How many messages the inbox keeps (the oldest go first). */
const KEEP = 2000;

/**
 * @typedef {{
 *   id: string, messageId: string | null, subject: string, from: string, to: string, date: string,
 *   receivedAt: string, text: string, html: string | null, headers: Record<string, string>, envelope: { from: string, to: string[] },
 * }} CaughtMessage
 * @typedef {{
 *   smtpUrl: string, webUrl: string, messages: () => CaughtMessage[], stopSmtp: () => Promise<void>,
 *   startSmtp: () => Promise<void>, stop: () => Promise<void>,
 * }} MailCatcher
 */

/** @param {unknown} value */
const escapeHtml = (value) =>
  String(value).replace(
    /[&<>"']/g,
    (c) => /** @type {Record<string, string>} */ ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/**
 * @param {import("mailparser").AddressObject | import("mailparser").AddressObject[] | undefined} address
 */
const addressText = (address) => (Array.isArray(address) ? address.map((a) => a.text).join(", ") : (address?.text ?? ""));

/**
 * Starts the catcher.
 * @param {{ smtpPort: number, webPort: number, host?: string, control?: boolean, log?: (line: string) => void }} options
 * @returns {Promise<MailCatcher>}
 */
export async function startMailCatcher({ smtpPort, webPort, host = "127.0.0.1", control = false, log = (line) => console.log(`[mail] ${line}`) }) {
  /** @type {CaughtMessage[]} */
  const inbox = [];

  /** @returns {SMTPServer} */
  const makeSmtp = () =>
    new SMTPServer({
      // A catcher: no TLS, any (or no) credentials, every recipient accepted.
      disabledCommands: ["STARTTLS"],
      authOptional: true,
      onAuth: (_auth, _session, callback) => callback(null, { user: "catcher" }),
      banner: "governance console mail catcher",
      size: 10 * 1024 * 1024,
      // Stopping (the tests' outage) drops open connections at once.
      closeTimeout: 100,
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream, { skipTextToHtml: true })
          .then((mail) => {
            /** @type {Record<string, string>} */
            const headers = {};
            for (const line of mail.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(":") + 1).trim();
            inbox.push({
              id: randomUUID(),
              messageId: mail.messageId ?? null,
              subject: mail.subject ?? "",
              from: addressText(mail.from),
              to: addressText(mail.to),
              date: (mail.date ?? new Date()).toISOString(),
              receivedAt: new Date().toISOString(),
              text: mail.text ?? "",
              html: typeof mail.html === "string" ? mail.html : null,
              headers,
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
                to: session.envelope.rcptTo.map((r) => r.address),
              },
            });
            if (inbox.length > KEEP) inbox.splice(0, inbox.length - KEEP);
            callback();
          })
          .catch((error) => callback(error));
      },
    });

  /** @type {SMTPServer | null} */
  let smtp = null;
  const startSmtp = async () => {
    if (smtp) return;
    const server = makeSmtp();
    await new Promise((resolve, reject) => {
      server.server.once("error", reject);
      server.listen(smtpPort, host, () => {
        server.server.off("error", reject);
        resolve(undefined);
      });
    });
    server.on("error", (error) => log(`SMTP error: ${error.message}`));
    smtp = server;
  };
  const stopSmtp = async () => {
    const server = smtp;
    smtp = null;
    if (server) await new Promise((resolve) => server.close(() => resolve(undefined)));
  };

  const web = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://${host}`);
    /**
     * @param {number} status
     * @param {string} type
     * @param {string} body
     * @param {Record<string, string>} [extra]
     */
    const send = (status, type, body, extra = {}) => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store", "x-content-type-options": "nosniff", ...extra });
      res.end(body);
    };
    const json = (/** @type {number} */ status, /** @type {unknown} */ body) => send(status, "application/json; charset=utf-8", JSON.stringify(body));
    const find = (/** @type {string} */ id) => inbox.find((m) => m.id === id);
    const page = (/** @type {string} */ title, /** @type {string} */ body, /** @type {string} */ head = "") =>
      send(
        200,
        "text/html; charset=utf-8",
        `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${head}<title>${escapeHtml(title)}</title>` +
          `<style>body{font-family:system-ui,sans-serif;margin:0;color:#111827;background:#f5f5f5}main{max-width:960px;margin:0 auto;padding:16px}` +
          `table{width:100%;border-collapse:collapse;background:#fff}td,th{padding:8px;border-bottom:1px solid #e5e5e5;text-align:left;vertical-align:top}` +
          `a{color:#1d4ed8}pre{white-space:pre-wrap;background:#fff;padding:12px;border:1px solid #e5e5e5}iframe{width:100%;height:70vh;border:1px solid #e5e5e5;background:#fff}` +
          `.muted{color:#6b7280;font-size:13px}</style></head><body><main>${body}</main></body></html>`,
        // The inbox shows untrusted mail: no script runs on its pages, frames only from itself.
        { "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; img-src data:; base-uri 'none'; form-action 'none'" },
      );

    if (req.method === "GET" && url.pathname === "/email") return json(200, inbox);
    if (req.method === "DELETE" && url.pathname === "/email/all") {
      inbox.length = 0;
      return json(200, { deleted: true });
    }
    const one = /^\/email\/([0-9a-f-]{36})(\/html)?$/.exec(url.pathname);
    if (req.method === "GET" && one) {
      const message = find(/** @type {string} */ (one[1]));
      if (!message) return json(404, { error: "no such message" });
      if (!one[2]) return json(200, message);
      // The message's own HTML, as a sandboxed document: no script, no outside request.
      return send(200, "text/html; charset=utf-8", message.html ?? `<pre>${escapeHtml(message.text)}</pre>`, {
        "content-security-policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      });
    }
    const control_ = /^\/smtp\/(stop|start)$/.exec(url.pathname);
    if (control && req.method === "POST" && control_) {
      const action = control_[1] === "stop" ? stopSmtp : startSmtp;
      return void action().then(
        () => json(200, { smtp: smtp ? "started" : "stopped" }),
        (/** @type {Error} */ error) => json(500, { error: error.message }),
      );
    }
    if (req.method === "GET" && url.pathname === "/") {
      const rows = [...inbox]
        .reverse()
        .map(
          (m) =>
            `<tr><td><a href="/message/${m.id}">${escapeHtml(m.subject || "(sans objet)")}</a><div class="muted">${escapeHtml(m.from)}</div></td>` +
            `<td>${escapeHtml(m.to)}</td><td class="muted">${escapeHtml(new Date(m.receivedAt).toLocaleString("fr-FR"))}</td></tr>`,
        )
        .join("");
      return page(
        `Boîte de réception (${inbox.length})`,
        `<h1>Boîte de réception locale</h1><p class="muted">SMTP sur ${escapeHtml(host)}:${smtpPort}${smtp ? "" : " — arrêté"} · ${inbox.length} message(s) · rien n’est relayé vers l’extérieur · <a href="/email">JSON</a></p>` +
          (rows
            ? `<table><thead><tr><th>Objet</th><th>À</th><th>Reçu</th></tr></thead><tbody>${rows}</tbody></table>`
            : "<p>Aucun message pour l’instant.</p>"),
        '<meta http-equiv="refresh" content="5">',
      );
    }
    const view = /^\/message\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (req.method === "GET" && view) {
      const m = find(/** @type {string} */ (view[1]));
      if (!m) return send(404, "text/plain; charset=utf-8", "Message introuvable");
      /** @type {[string, string | null | undefined][]} */
      const fields = [
        ["De", m.from],
        ["À", m.to],
        ["Date", new Date(m.date).toLocaleString("fr-FR")],
        ["Message-ID", m.messageId],
        ["References", m.headers.references],
        ["Auto-Submitted", m.headers["auto-submitted"]],
      ];
      const headerRows = fields
        .filter(([, value]) => value)
        .map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`)
        .join("");
      return page(
        m.subject,
        `<p><a href="/">← Boîte de réception</a></p><h1>${escapeHtml(m.subject)}</h1><table>${headerRows}</table>` +
          (m.html ? `<h2>HTML</h2><iframe sandbox src="/email/${m.id}/html" title="HTML du message"></iframe>` : "") +
          `<h2>Texte</h2><pre>${escapeHtml(m.text)}</pre>`,
      );
    }
    return send(404, "text/plain; charset=utf-8", "Not found");
  });

  await startSmtp();
  try {
    await new Promise((resolve, reject) => {
      web.once("error", reject);
      web.listen(webPort, host, () => {
        web.off("error", reject);
        resolve(undefined);
      });
    });
  } catch (error) {
    await stopSmtp();
    throw error;
  }
  const smtpUrl = `smtp://${host}:${smtpPort}`;
  const webUrl = `http://${host}:${webPort}`;
  log(`catching mail on ${smtpUrl}; inbox at ${webUrl}`);
  return {
    smtpUrl,
    webUrl,
    messages: () => [...inbox],
    stopSmtp,
    startSmtp,
    stop: async () => {
      await stopSmtp();
      web.closeAllConnections();
      await new Promise((resolve) => web.close(() => resolve(undefined)));
    },
  };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const catcher = await startMailCatcher({
    smtpPort: Number(process.env.MAIL_CATCHER_SMTP_PORT || 54325),
    webPort: Number(process.env.MAIL_CATCHER_WEB_PORT || 54324),
    control: process.env.MAIL_CATCHER_CONTROL === "1",
  });
  for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
    process.on(signal, () => void catcher.stop().then(() => process.exit(0)));
  }
}
