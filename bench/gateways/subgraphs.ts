import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import type { SubgraphResolvers } from '../../platform/subgraph.js';
import { IN_STOCK, PRODUCTS, REVIEWS, USERS, type Review } from './data.js';

/**
 * The four subgraphs of the federation-gateways benchmark, written for
 * @apollo/subgraph: accounts (users), products, inventory (stock and a
 * shipping estimate that @requires price and weight) and reviews (which
 * @provides the author's username). Static data, no I/O: what is measured is
 * the gateway.
 */

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides"])';

export const FIXTURE_SDL = {
  accounts: `${LINK}
type Query { me: User  user(id: ID!): User  users: [User] }
type User @key(fields: "id") { id: ID!  name: String  username: String @shareable  birthday: Int }`,
  products: `${LINK}
type Query { topProducts(first: Int = 5): [Product] }
type Product @key(fields: "upc") { upc: String!  name: String  price: Int  weight: Int }`,
  inventory: `${LINK}
type Product @key(fields: "upc") {
  upc: String!
  weight: Int @external
  price: Int @external
  inStock: Boolean
  shippingEstimate: Int @requires(fields: "price weight")
}`,
  reviews: `${LINK}
type Review @key(fields: "id") { id: ID!  body: String  product: Product  author: User @provides(fields: "username") }
type User @key(fields: "id") { id: ID!  username: String @external  reviews: [Review] }
type Product @key(fields: "upc") { upc: String!  reviews: [Review] }`,
} as const;

export type FixtureName = keyof typeof FIXTURE_SDL;
export const FIXTURE_NAMES = Object.keys(FIXTURE_SDL) as FixtureName[];

const byId = <T>(items: readonly T[], key: (item: T) => string) => new Map(items.map((item) => [key(item), item]));
const users = byId(USERS, (u) => u.id);
const products = byId(PRODUCTS, (p) => p.upc);
const reviews = byId(REVIEWS, (r) => r.id);
/** As in the benchmark: every user's reviews, and every review's author, are the first user's first two reviews. */
const firstReviews = REVIEWS.slice(0, 2);

const RESOLVERS: Record<FixtureName, SubgraphResolvers> = {
  accounts: {
    Query: {
      me: () => USERS[0],
      user: (_: unknown, { id }: { id: string }) => users.get(id) ?? null,
      users: () => USERS,
    },
    User: { __resolveReference: ({ id }: { id: string }) => users.get(id) ?? null },
  },
  products: {
    Query: { topProducts: (_: unknown, { first }: { first: number }) => PRODUCTS.slice(0, first) },
    Product: { __resolveReference: ({ upc }: { upc: string }) => products.get(upc) ?? null },
  },
  inventory: {
    Product: {
      // As the benchmark's inventory does, the estimate is worked out from the inventory's own record,
      // which has no price or weight: null, the value its k6 script expects. The gateway still has to
      // fetch price and weight for the @requires, which is the work being measured.
      __resolveReference: ({ upc }: { upc: string }) => ({ upc, inStock: IN_STOCK[upc] ?? null }),
      shippingEstimate: ({ price, weight }: { price?: number; weight?: number }) => {
        if (price === undefined) return null;
        if (price > 1000) return 0;
        return weight === undefined ? null : weight / 2;
      },
    },
  },
  reviews: {
    Review: {
      __resolveReference: ({ id }: { id: string }) => reviews.get(id) ?? null,
      product: (review: Review) => ({ upc: review.productUpc }),
      author: () => ({ id: '1', username: 'urigo' }),
    },
    User: {
      __resolveReference: ({ id }: { id: string }) => ({ id, username: 'user' }),
      reviews: () => firstReviews,
    },
    Product: {
      __resolveReference: ({ upc }: { upc: string }) => ({ upc }),
      reviews: ({ upc }: { upc: string }) => REVIEWS.filter((r) => r.productUpc === upc),
    },
  },
};

export function fixtureSchema(name: FixtureName): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: parse(FIXTURE_SDL[name]), resolvers: RESOLVERS[name] });
}
