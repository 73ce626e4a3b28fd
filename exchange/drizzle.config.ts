import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './exchange/db/schema.ts',
  out: './exchange/db/migrations',
});
