import { appendFileSync } from 'node:fs';
import { EventOutbox } from '../../events/outbox.js';
import { EventRelay } from '../../events/relay.js';
import { InProcessTransport, type EventTransport } from '../../events/transport.js';
import { EVENT_TYPES } from '../../events/types.js';
import { openDatabase, type DatabaseTarget } from '../../platform/db.js';
import { createLogger } from '../../platform/logger.js';

/**
 * A relay in a process of its own, for the crash-recovery test
 * (tests/events/relay.test.ts): `tsx tests/support/relay-process.ts <json>`.
 * With `pause`, it stops for good after publishing its first batch and before
 * marking it, says `published` and waits to be killed; without, it relays
 * the outbox empty, says `done` and exits. In process, its own consumer
 * appends each event id it is handed to `consumedFile`, standing for a
 * consumer whose work outlives the process.
 */
const settings = JSON.parse(process.argv[2] ?? '{}') as {
  target: DatabaseTarget;
  transport: 'in-process' | 'nats';
  natsUrl: string;
  prefix: string;
  pause: boolean;
  consumedFile: string;
};
const logger = createLogger('relay-process', 'silent');
const database = await openDatabase(settings.target, {});
let transport: EventTransport;
if (settings.transport === 'nats') {
  const { NatsTransport } = await import('../../events/nats.js');
  transport = await NatsTransport.connect({ servers: settings.natsUrl, prefix: settings.prefix, logger });
} else {
  transport = new InProcessTransport();
  await transport.consumeEvents('process', EVENT_TYPES, async (event) => appendFileSync(settings.consumedFile, `${event.id}\n`));
}
const outbox = new EventOutbox(database.db, 'labour');
const relay = new EventRelay(outbox, transport, logger, {
  pollMs: 20,
  batchSize: 10,
  // The process killed before holds the lease until it runs out: short, so the next one takes over soon.
  leaseMs: 500,
  ...(settings.pause
    ? {
        beforeMark: async () => {
          process.stdout.write('published\n');
          await new Promise(() => undefined);
        },
      }
    : {}),
});
while ((await outbox.backlog()) > 0) {
  if ((await relay.relayOnce()) === 0) await new Promise((resolve) => setTimeout(resolve, 100));
}
await relay.stop();
await transport.close();
await database.close();
process.stdout.write('done\n');
