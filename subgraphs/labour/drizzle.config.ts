import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/labour/db/schema.ts',
  out: './subgraphs/labour/db/migrations',
});
