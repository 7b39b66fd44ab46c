/**
 * The one way to declare an /api route: its method and path, who may call it, and the schemas
 * (valibot) of its path params, query and JSON body. The declaration installs the checks in this
 * order: who may call (401/403), then params, query and body (400 with a code; unknown body fields
 * are stripped), then the handler, which receives the parsed input. The body size limit and the
 * JSON syntax are checked earlier, before sign-in, by `bodyGuard` (body-guard.ts), which reads
 * the same declarations. Every declaration is kept in a registry that docs and checks can list.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../app-env.js';
import { access, type Method, type Who } from '../auth/access.js';
import { ApiError } from '../http-error.js';
import { parseInput as parse } from './parse-input.js';

type Schema = v.GenericSchema;

export interface RouteSpec<PS extends Schema | undefined, QS extends Schema | undefined, BS extends Schema | undefined> {
	who: Who;
	params?: PS;
	query?: QS;
	/** The JSON body (at most JSON_BODY_LIMIT bytes). */
	body?: BS;
	/** A file upload instead of JSON: the middleware that limits its size (run before the access check). */
	upload?: MiddlewareHandler<AppEnv>;
}

type Out<S> = S extends Schema ? v.InferOutput<S> : undefined;

export interface RouteInput<PS, QS, BS> {
	params: PS extends Schema ? v.InferOutput<PS> : Record<string, string>;
	query: Out<QS>;
	body: Out<BS>;
}

export type RouteHandler<P extends string, PS, QS, BS> = (c: Context<AppEnv, P>, input: RouteInput<PS, QS, BS>) => Response | Promise<Response>;

export interface DeclaredRoute {
	method: Method;
	/** The full path as Hono writes it, with :params, e.g. "/api/admin/users/:id/password". */
	path: string;
	who: Who;
	upload: boolean;
	hasBody: boolean;
	pattern: RegExp;
}

type Add = <
	P extends string,
	PS extends Schema | undefined = undefined,
	QS extends Schema | undefined = undefined,
	BS extends Schema | undefined = undefined
>(
	path: P,
	spec: Who | RouteSpec<PS, QS, BS>,
	handler: RouteHandler<P, PS, QS, BS>
) => void;

export interface DeclaredRouter {
	router: Hono<AppEnv>;
	get: Add;
	post: Add;
	put: Add;
	patch: Add;
	delete: Add;
}

const registry = new Map<string, DeclaredRoute>();

/** Every declared route (routers register when they are built, so call this once an app exists). */
export function declaredRoutes(): DeclaredRoute[] {
	return [...registry.values()];
}

/** The declaration that serves this request, if any. */
export function declarationOf(method: string, path: string): DeclaredRoute | undefined {
	for (const r of registry.values()) if (r.method === method && r.pattern.test(path)) return r;
	return undefined;
}

function patternOf(path: string): RegExp {
	const source = path
		.split('/')
		.map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
		.join('/');
	return new RegExp(`^${source}/?$`);
}

/**
 * A router whose every route is declared. `mount` is where the router is mounted ("/api/admin");
 * it names the routes in the registry, the checks themselves are path-independent.
 */
export function declareRoutes(mount: string): DeclaredRouter {
	const router = new Hono<AppEnv>();
	const add =
		(method: Method): Add =>
		(path, whoOrSpec, handler) => {
			const spec = (typeof whoOrSpec === 'string' || Array.isArray(whoOrSpec) ? { who: whoOrSpec } : whoOrSpec) as RouteSpec<
				Schema | undefined,
				Schema | undefined,
				Schema | undefined
			>;
			const full = `${mount}${path}`;
			registry.set(`${method} ${full}`, {
				method,
				path: full,
				who: spec.who,
				upload: !!spec.upload,
				hasBody: !!spec.body,
				pattern: patternOf(full)
			});
			const steps: MiddlewareHandler<AppEnv>[] = [];
			if (spec.upload) steps.push(spec.upload);
			steps.push(access(spec.who));
			steps.push(async (c) => {
				const input = {
					params: spec.params ? parse(spec.params, c.req.param() as Record<string, string>) : c.req.param(),
					query: spec.query ? parse(spec.query, c.req.query()) : undefined,
					body: spec.body ? parse(spec.body, bodyShaped(spec.body, await jsonBody(c))) : undefined
				};
				return handler(c as never, input as never);
			});
			router.on(method, path, ...(steps as [MiddlewareHandler<AppEnv>]));
		};
	return { router, get: add('GET'), post: add('POST'), put: add('PUT'), patch: add('PATCH'), delete: add('DELETE') };
}

/**
 * An array where the schema wants an object is refused as not an object (400 `bad_body`): valibot's
 * object schemas accept arrays, and `[]` would otherwise read as `{}` — a snapshot taken, say.
 */
function bodyShaped(schema: Schema, value: unknown): unknown {
	if (Array.isArray(value) && (schema as { type?: string }).type !== 'array') throw new ApiError(400, 'bad_body');
	return value;
}

/** The request's JSON body; an empty body reads as `{}` (its syntax was checked by bodyGuard). */
async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
	const text = await c.req.text();
	if (text.trim() === '') return {};
	try {
		return JSON.parse(text);
	} catch {
		throw new ApiError(400, 'bad_json');
	}
}
