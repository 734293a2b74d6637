import type { IncomingMessage } from 'node:http';
import type { CommandName, CommandRequest, ContractError } from '../../shared/contract';
import { HTTP_STATUS_BY_CODE, type Dispatch } from '../dispatch';

export interface ApiResponse {
  status: number;
  body: unknown;
}

export interface ApiContext {
  url: URL;
  params: string[];
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
  call<C extends CommandName>(command: C, payload: CommandRequest<C>): Promise<ApiResponse>;
}

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Matched against the path; capture groups become `params`. */
  path: RegExp;
  handle(ctx: ApiContext): Promise<ApiResponse>;
}

export function apiError(status: number, code: ContractError['code'], message: string, field: string | null = null): ApiResponse {
  return { status, body: { error: { code, message, field } } };
}

/** The script-facing HTTP API. Every route runs a contract command through the same dispatcher as the UI. */
export const API_ROUTES: ApiRoute[] = [
  { method: 'GET', path: /^\/api\/state$/, handle: (ctx) => ctx.call('getState', {}) },
  { method: 'POST', path: /^\/api\/kill-switch$/, handle: (ctx) => ctx.call('killSwitch', {}) },
  { method: 'POST', path: /^\/api\/rearm$/, handle: (ctx) => ctx.call('rearm', {}) },
];

export async function runApi(
  routes: readonly ApiRoute[],
  req: IncomingMessage,
  url: URL,
  dispatch: Dispatch,
  readBody: () => Promise<{ ok: true; value: unknown } | { ok: false; message: string }>,
): Promise<ApiResponse> {
  const candidates = routes.filter((r) => r.path.test(url.pathname));
  if (candidates.length === 0) return apiError(404, 'not_found', `No API route ${url.pathname}`);
  const route = candidates.find((r) => r.method === req.method);
  if (!route) return apiError(405, 'invalid_request', `${req.method} is not allowed on ${url.pathname}; use ${candidates.map((r) => r.method).join(' or ')}`);
  const body = await readBody();
  if (!body.ok) return apiError(400, 'invalid_request', body.message, 'body');
  const params = route.path.exec(url.pathname)!.slice(1).map(decodeURIComponent);
  let nextId = 1;
  return route.handle({
    url,
    params,
    body: body.value,
    async call(command, payload) {
      const response = await dispatch({ type: 'request', id: nextId++, command, payload });
      if (response.ok) return { status: 200, body: response.result };
      return { status: HTTP_STATUS_BY_CODE[response.error.code], body: { error: response.error } };
    },
  });
}
