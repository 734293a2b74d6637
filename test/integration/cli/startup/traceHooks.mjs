// Module hooks (module.register) that append every module the process resolves to $ARBDESK_TRACE.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.ARBDESK_TRACE, `${result.url}\n`);
  return result;
}
