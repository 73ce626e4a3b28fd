import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/declarations/db/schema.ts',
  out: './subgraphs/declarations/db/migrations',
});
