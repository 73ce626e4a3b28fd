import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/police/db/schema.ts',
  out: './subgraphs/police/db/migrations',
});
