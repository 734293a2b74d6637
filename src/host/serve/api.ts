import type { IncomingMessage } from 'node:http';
import type { CommandName, CommandRequest, ContractError, ExecutionResult } from '../../shared/contract';
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
  /**
   * Runs a contract command. `fields` renames the contract's field paths in errors to what the
   * caller sent (a query parameter, a body field), e.g. { 'payload.minProfit': 'min_profit' }.
   */
  call<C extends CommandName>(command: C, payload: CommandRequest<C>, fields?: Record<string, string>): Promise<ApiResponse>;
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

type Query = { ok: true; values: Record<string, string> } | { ok: false; response: ApiResponse };

/** The query parameters, each at most once and each one this route knows; else a 400 naming it. */
function readQuery(url: URL, allowed: readonly string[]): Query {
  const values: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (!allowed.includes(name)) {
      return { ok: false, response: apiError(400, 'invalid_request', `${name}: unknown parameter${allowed.length > 0 ? `; this route takes ${allowed.join(', ')}` : '; this route takes none'}`, name) };
    }
    if (name in values) return { ok: false, response: apiError(400, 'invalid_request', `${name}: given more than once`, name) };
    values[name] = value;
  }
  return { ok: true, values };
}

/** A whole number parameter (digits only); undefined when absent. */
function wholeNumber(values: Record<string, string>, name: string, required: boolean): { ok: true; value: number | undefined } | { ok: false; response: ApiResponse } {
  const text = values[name];
  if (text === undefined) {
    return required ? { ok: false, response: apiError(400, 'invalid_request', `${name}: required, a whole number of contracts`, name) } : { ok: true, value: undefined };
  }
  if (!/^\d{1,9}$/.test(text)) return { ok: false, response: apiError(400, 'invalid_request', `${name}: expected a whole number, got "${text.slice(0, 40)}"`, name) };
  return { ok: true, value: Number(text) };
}

/** The script-facing HTTP API. Every route runs a contract command through the same dispatcher as the UI. */
export const API_ROUTES: ApiRoute[] = [
  { method: 'GET', path: /^\/api\/state$/, handle: (ctx) => ctx.call('getState', {}) },
  { method: 'POST', path: /^\/api\/kill-switch$/, handle: (ctx) => ctx.call('killSwitch', {}) },
  { method: 'POST', path: /^\/api\/rearm$/, handle: (ctx) => ctx.call('rearm', {}) },
  {
    method: 'GET',
    path: /^\/api\/opportunities$/,
    async handle(ctx) {
      const q = readQuery(ctx.url, ['strategy', 'min_profit', 'min_annualised', 'sort', 'limit']);
      if (!q.ok) return q.response;
      const limit = wholeNumber(q.values, 'limit', false);
      if (!limit.ok) return limit.response;
      const sort = q.values.sort === 'annualised' ? 'annualisedReturn' : q.values.sort === 'profit' ? 'netProfit' : (q.values.sort as never);
      return ctx.call(
        'getOpportunities',
        { strategy: q.values.strategy as never, minProfit: q.values.min_profit, minAnnualisedReturn: q.values.min_annualised, sort, limit: limit.value },
        { 'payload.strategy': 'strategy', 'payload.minProfit': 'min_profit', 'payload.minAnnualisedReturn': 'min_annualised', 'payload.sort': 'sort', 'payload.limit': 'limit' },
      );
    },
  },
  {
    method: 'POST',
    path: /^\/api\/opportunities\/([^/]+)\/analyze$/,
    async handle(ctx) {
      const q = readQuery(ctx.url, ['target_size']);
      if (!q.ok) return q.response;
      const size = wholeNumber(q.values, 'target_size', true);
      if (!size.ok) return size.response;
      return ctx.call('analyze', { opportunityId: ctx.params[0]!, targetSize: size.value! }, { 'payload.opportunityId': 'id', 'payload.targetSize': 'target_size' });
    },
  },
  {
    method: 'POST',
    path: /^\/api\/opportunities\/([^/]+)\/execute$/,
    async handle(ctx) {
      const q = readQuery(ctx.url, ['size']);
      if (!q.ok) return q.response;
      const size = wholeNumber(q.values, 'size', false);
      if (!size.ok) return size.response;
      const r = await ctx.call('execute', { opportunityId: ctx.params[0]!, size: size.value }, { 'payload.opportunityId': 'id', 'payload.size': 'size' });
      return refusedAsConflict(r);
    },
  },
  {
    method: 'POST',
    path: /^\/api\/baskets\/([^/]+)\/unwind$/,
    async handle(ctx) {
      const q = readQuery(ctx.url, []);
      if (!q.ok) return q.response;
      return refusedAsConflict(await ctx.call('unwindBasket', { basketId: ctx.params[0]! }, { 'payload.basketId': 'id' }));
    },
  },
  { method: 'GET', path: /^\/api\/positions$/, handle: (ctx) => noQuery(ctx, () => ctx.call('getPositions', {})) },
  { method: 'GET', path: /^\/api\/breaker$/, handle: (ctx) => noQuery(ctx, () => ctx.call('getBreaker', {})) },
  {
    method: 'PUT',
    path: /^\/api\/breaker\/limits$/,
    async handle(ctx) {
      if (ctx.body === undefined || ctx.body === null || typeof ctx.body !== 'object' || Array.isArray(ctx.body)) {
        return apiError(400, 'invalid_request', 'body: expected a JSON object of limits', 'body');
      }
      return ctx.call('setLimits', { limits: ctx.body as never }, { 'payload.limits': 'body' });
    },
  },
  { method: 'GET', path: /^\/api\/metrics$/, handle: (ctx) => noQuery(ctx, () => ctx.call('getMetrics', {})) },
];

function noQuery(ctx: ApiContext, run: () => Promise<ApiResponse>): Promise<ApiResponse> {
  const q = readQuery(ctx.url, []);
  return q.ok ? run() : Promise.resolve(q.response);
}

/** An execution refused before anything was sent is a 409 carrying the reason (and the result). */
function refusedAsConflict(r: ApiResponse): ApiResponse {
  const result = r.body as Partial<ExecutionResult> | null;
  if (r.status !== 200 || result?.status !== 'refused') return r;
  return { status: 409, body: { error: { code: 'refused', message: result.reason ?? 'refused', field: null }, result } };
}

/** Renames a contract field path ("payload.limits.maxDailyLoss") to the caller's ("body.maxDailyLoss"). */
function renameField(error: ContractError, fields: Record<string, string> | undefined): ContractError {
  if (!fields || error.field === null) return error;
  for (const [from, to] of Object.entries(fields).sort((a, b) => b[0].length - a[0].length)) {
    if (error.field === from || error.field.startsWith(`${from}.`)) {
      const field = to + error.field.slice(from.length);
      return { ...error, field, message: error.message.startsWith(`${error.field}:`) ? `${field}:${error.message.slice(error.field.length + 1)}` : error.message };
    }
  }
  return error;
}

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
  let params: string[];
  try {
    params = route.path.exec(url.pathname)!.slice(1).map(decodeURIComponent);
  } catch {
    return apiError(400, 'invalid_request', `${url.pathname}: malformed percent-encoding in the path`, 'path');
  }
  let nextId = 1;
  return route.handle({
    url,
    params,
    body: body.value,
    async call(command, payload, fields) {
      const response = await dispatch({ type: 'request', id: nextId++, command, payload });
      if (response.ok) return { status: 200, body: response.result };
      return { status: HTTP_STATUS_BY_CODE[response.error.code], body: { error: renameField(response.error, fields) } };
    },
  });
}
