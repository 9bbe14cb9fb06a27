// Subscription service entrypoint: wiring only.

import { mountOpsEndpoints } from '../dashboard/mount';
import { parseSubscriptionsConfig } from './config';
import { startSubscriptionServer } from './server';

async function main(): Promise<void> {
  const config = parseSubscriptionsConfig(process.env);
  const server = await startSubscriptionServer({ config });
  // Token holders by name only: the hashes and tokens stay out of logs.
  console.log(`subscriptions listening on ${server.address} (tokens: ${config.tokens.map((t) => t.name).join(', ')})`);
  const ops = await mountOpsEndpoints(config, (message) => console.error(`subscriptions: ${message}`));
  if (ops.urls.length) console.log(`subscriptions: ${ops.urls.join(', ')}`);

  const shutdown = (signal: NodeJS.Signals): void => {
    console.log(`subscriptions: ${signal} received, shutting down`);
    Promise.all([ops.close(), server.close()]).then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
