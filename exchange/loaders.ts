import DataLoader from 'dataloader';
import type { DeliveryCounts, ExchangeStore } from './store.js';

/** Per-request batch loaders: every lookup in one request shares one statement per kind. */
export function createExchangeLoaders(store: ExchangeStore) {
  return {
    // A page of partners asks for their delivery counts in one grouped count, not one per partner.
    deliveryCountsByPartner: new DataLoader<string, DeliveryCounts>(async (codes) => {
      const counts = await store.deliveryCounts(codes);
      return codes.map((code) => counts.get(code) ?? { PENDING: 0, DELIVERED: 0, FAILED: 0 });
    }),
  };
}

export type ExchangeLoaders = ReturnType<typeof createExchangeLoaders>;
