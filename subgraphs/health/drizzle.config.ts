import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/health/db/schema.ts',
  out: './subgraphs/health/db/migrations',
});
