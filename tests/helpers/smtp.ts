/** A real SMTP server on loopback that keeps every mail it receives, parsed, for tests. */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** The account the test server accepts; SMTP_URL carries it as a real one would. */
export const SMTP_USER = 'mailer';
export const SMTP_PASSWORD = 'secret-password';

export interface ReceivedMail {
  /** The addresses given in RCPT TO: who the mail was really sent to. */
  recipients: string[];
  mail: ParsedMail;
  /** The message as it came over the wire. */
  source: string;
}

export interface TestSmtpServer {
  port: number;
  /** An SMTP_URL for this server, with its account. */
  url: string;
  received: ReceivedMail[];
  close: () => Promise<void>;
}

/** Listens on 127.0.0.1 (on `port`, or any free port), without TLS, accepting SMTP_USER. */
export async function startSmtpServer(port = 0): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD)
        callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const source = Buffer.concat(chunks).toString('utf8');
        simpleParser(source).then(
          (mail) => {
            const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address);
            received.push({ recipients, mail, source });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  server.on('error', (error) => console.error('test SMTP server:', error));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return {
    port: actual,
    url: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${actual}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One header line as sent, e.g. `List-Unsubscribe: <https://…>`, unfolded; null when absent. */
export function headerLine(mail: ParsedMail, name: string): string | null {
  const line = mail.headerLines.find((header) => header.key === name.toLowerCase())?.line;
  return line ? line.replace(/\r?\n[ \t]+/g, ' ') : null;
}
