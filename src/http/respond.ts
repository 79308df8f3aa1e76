// A JSON answer written as it is: one serialization, the length, one write. Used where an ETag means nothing
// (the answer to a POST, a health check) and express's res.json would hash the body for one.
import type { Response } from 'express';

/** Sends JSON text already serialized. */
export function sendJsonText(res: Response, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text, 'utf8'));
  res.end(text, 'utf8');
}

export function sendJson(res: Response, status: number, body: unknown): void {
  sendJsonText(res, status, JSON.stringify(body));
}
