import { NextFunction, Request, Response } from 'express';

/** The body types Nest's parsers read for the api; the api speaks JSON (docs/behaviour/integrations-api.md). */
const READABLE_TYPES = ['application/json', 'application/x-www-form-urlencoded'];

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
}

/**
 * Answers 415 to a request whose body no parser reads (docs/bad-input.md), once that body has
 * been read off the connection. Answering while the client is still sending an unread body and
 * then closing makes the kernel reset the connection, and the client never sees the answer.
 */
export function unreadableBodyMiddleware(req: Request, res: Response, next: NextFunction): void {
  if (!hasBody(req) || req.is(READABLE_TYPES)) {
    next();
    return;
  }
  const status = 415;
  const reply = (): void => {
    if (res.headersSent) return;
    res.status(status).json({ error: { status, message: 'The request body must be JSON (Content-Type: application/json).', code: 'invalid_input' } });
  };
  req.once('end', reply);
  req.once('error', reply);
  req.resume();
}
