import fs from 'node:fs';
import { startServer } from './server';

// One shared server for the journeys (the restart journey starts its own). The returned function is the teardown.
export default async function globalSetup() {
  const port = Number(process.env.E2E_PORT ?? 3300);
  const server = await startServer({ port });
  return async () => {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  };
}
