/** A real SMTP server in the test process (smtp-server on 127.0.0.1), each message parsed by mailparser. */
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface SmtpPeer {
	port: number;
	url: string;
	mails: ParsedMail[];
	/** Stops accepting connections (mail sent meanwhile must wait and arrive later). */
	stop(): Promise<void>;
	/** Listens again on the same port. */
	start(): Promise<void>;
	/** Resolves once `pred` holds for the received mail, or rejects after `ms`. */
	waitFor(pred: (mails: ParsedMail[]) => boolean, ms?: number): Promise<void>;
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as net.AddressInfo;
			s.close(() => resolve(port));
		});
		s.on('error', reject);
	});
}

export async function startSmtpPeer(): Promise<SmtpPeer> {
	const port = await freePort();
	const mails: ParsedMail[] = [];
	let server: SMTPServer | null = null;
	const listen = () =>
		new Promise<void>((resolve, reject) => {
			server = new SMTPServer({
				authOptional: true,
				disabledCommands: ['STARTTLS', 'AUTH'],
				logger: false,
				onData(stream, _session, callback) {
					simpleParser(stream)
						.then((m) => {
							mails.push(m);
							callback();
						})
						.catch(callback);
				}
			});
			server.on('error', () => {});
			server.listen(port, '127.0.0.1', () => resolve());
			server.server.once('error', reject);
		});
	await listen();
	return {
		port,
		url: `smtp://127.0.0.1:${port}`,
		mails,
		stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
		start: listen,
		async waitFor(pred, ms = 10_000) {
			const until = Date.now() + ms;
			while (!pred(mails)) {
				if (Date.now() > until)
					throw new Error(
						`timed out waiting for mail; got: ${mails.map((m) => `${m.to && 'text' in m.to ? m.to.text : ''} ${m.subject}`).join(' | ')}`
					);
				await new Promise((r) => setTimeout(r, 50));
			}
		}
	};
}

/** The addresses a parsed mail was sent to. */
export function recipients(m: ParsedMail): string[] {
	const to = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
	return to.flatMap((a) => a.value.map((v) => v.address ?? ''));
}
