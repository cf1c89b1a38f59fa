// A loopback HTTP server for fetch tests: handlers by exact path, 404 for the rest, and every
// request kept so tests can check what was (or was not) asked for.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface RouteServer {
  base: string;
  routes: Map<string, Handler>;
  requests: IncomingMessage[];
  close(): void;
}

export async function startRouteServer(): Promise<RouteServer> {
  const routes = new Map<string, Handler>();
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    const h = routes.get(req.url!);
    if (h) return h(req, res);
    res.writeHead(404);
    res.end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    routes,
    requests,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}
