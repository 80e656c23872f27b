import type { Server } from 'node:http';
import sesModule from 'aws-ses-v2-local';
import { freePort } from './ports.ts';

export interface StoredEmail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  /** Reply-To, when the message had one. */
  replyTo?: string[];
  sentAt: string;
}

export interface SesLocal {
  endpoint: string;
  emails(to?: string): Promise<StoredEmail[]>;
  stop(): Promise<void>;
}

type StartSes = (config?: { host?: string; port?: number }) => Promise<Server>;

/** The local SES v2 endpoint (aws-ses-v2-local); the real SESv2Client sends to it. */
export async function startSesLocal(opts: { port?: number } = {}): Promise<SesLocal> {
  const port = opts.port ?? (await freePort());
  const start = ((sesModule as unknown as { default?: StartSes }).default ?? sesModule) as unknown as StartSes;
  const server = await start({ host: '127.0.0.1', port });
  // As the API's local server (http-server.ts): SES keeps idle connections far longer than Node's 5 s,
  // and a send on a socket the server is closing fails with "socket hang up", which the mailer does not
  // retry (it cannot know whether SES took the email), so the stream would hand the record over again.
  server.keepAliveTimeout = 60_000;
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    async emails(to?: string) {
      const res = await fetch(`${endpoint}/store`);
      const store = (await res.json()) as {
        emails: { from: string; replyTo?: string[]; destination: { to: string[] }; subject: string; body: { text?: string; html?: string }; at: number }[];
      };
      const wanted = to?.trim().toLowerCase();
      return store.emails
        .flatMap((e) =>
          e.destination.to.map((rcpt) => ({
            to: rcpt,
            from: e.from,
            subject: e.subject,
            text: e.body.text ?? '',
            html: e.body.html ?? '',
            ...(e.replyTo?.length ? { replyTo: e.replyTo } : {}),
            sentAt: new Date(e.at * 1000).toISOString(),
          })),
        )
        .filter((e) => !wanted || e.to.toLowerCase() === wanted);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
