import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/housing/db/schema.ts',
  out: './subgraphs/housing/db/migrations',
});
