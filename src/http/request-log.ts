// The request log: one JSON line per request once its response is over, with the request's id, method and URL,
// the status and the time taken. Headers and bodies are never logged, so keys, answers and files stay out of it.
// Written straight through the logger: no child logger or serializers per request.
import type { Request, Response } from 'express';
import type { Logger } from 'pino';

const MAX_ID = 0x7fffffff;

declare module 'express-serve-static-core' {
  interface Request {
    /** The request's number in the log: counts up from 1 per process. */
    id?: number;
    /** The logger of the request log, for errors no handler expected. */
    log?: Logger;
  }
}

function line(req: Request, res: Response, started: number) {
  return {
    req: { id: req.id, method: req.method, url: req.originalUrl },
    res: { statusCode: res.statusCode },
    responseTime: Date.now() - started,
  };
}

/**
 * Starts the log line of a request: logged at `info` (`request completed`), or at `error` (`request errored`) when
 * the status is 500 or more or the connection closed before the response was complete (`request aborted`).
 */
export function requestLog(logger: Logger): (req: Request, res: Response) => void {
  let last = 0;
  return (req, res) => {
    const started = Date.now();
    req.id = last = last === MAX_ID ? 1 : last + 1;
    req.log = logger;
    // 'close' comes once, after 'finish' or instead of it.
    res.once('close', () => {
      if (!res.writableFinished) logger.error(line(req, res, started), 'request aborted');
      else if (res.statusCode >= 500) logger.error(line(req, res, started), 'request errored');
      else logger.info(line(req, res, started), 'request completed');
    });
  };
}
