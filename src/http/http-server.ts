// The HTTP server of the app. Express gives each request and response the app's prototypes (app.request,
// app.response) by switching their prototype when they arrive. V8 then treats every one as an object of a new
// shape, and the property accesses of Node's HTTP code and of express's own miss their caches for the rest of
// the request: measured, most of an express JSON echo's CPU time. Here Node builds each request and response
// with those prototypes from the start, so express's switch has nothing to do; their chain is the one express
// would have given them.
import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Express } from 'express';

export function createHttpServer(app: Express): Server {
  // Node's own constructors, called on an object of the app's prototype (they are plain functions, not classes),
  // with whatever Node passes them.
  function AppRequest(this: IncomingMessage, ...args: ConstructorParameters<typeof IncomingMessage>) {
    IncomingMessage.apply(this, args);
  }
  AppRequest.prototype = app.request;
  function AppResponse(this: ServerResponse, ...args: ConstructorParameters<typeof ServerResponse>) {
    ServerResponse.apply(this, args);
  }
  AppResponse.prototype = app.response;
  return createServer(
    {
      IncomingMessage: AppRequest as unknown as typeof IncomingMessage,
      ServerResponse: AppResponse as unknown as typeof ServerResponse,
    },
    app,
  );
}
