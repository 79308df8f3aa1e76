// A JSON answer written as it is: one serialization, one UTF-8 encoding (which also gives the length), one write.
// Used where an ETag means nothing (the answer to a POST, a health check) and express's res.json would hash the
// body for one. A string body would be measured and encoded again by Node's HTTP layer, for every response.
import type { Response } from 'express';

/** Sends JSON text already serialized. */
export function sendJsonText(res: Response, status: number, text: string): void {
  const body = Buffer.from(text, 'utf8');
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

export function sendJson(res: Response, status: number, body: unknown): void {
  sendJsonText(res, status, JSON.stringify(body));
}
