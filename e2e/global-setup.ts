import fs from 'node:fs';
import { clamdPath, startClamd } from '../test/clamav/start-clamd';
import { startServer } from './server';

// One shared server for the journeys (the restart journey starts its own), with ClamAV's daemon on a local
// signature database for file sharing. CI installs clamd; a laptop without it runs everything but the file
// journey. The returned function is the teardown.
export default async function globalSetup() {
  const port = Number(process.env.E2E_PORT ?? 3300);
  const clamd = process.env.CI || clamdPath() ? await startClamd() : null;
  if (clamd) process.env.ALAP_E2E_CLAMAV = '1';
  const server = await startServer({ port, env: clamd ? { CLAMAV_ADDRESS: clamd.address } : {} });
  return async () => {
    await server.stop();
    await clamd?.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  };
}
