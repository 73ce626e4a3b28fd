import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './audit/db/schema.ts',
  out: './audit/db/migrations',
});
