import type { Server } from 'node:http';

/** Stops a fake service's HTTP server now, keep-alive connections included. */
export async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
  server.closeAllConnections();
  await closed;
}
