import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by im-access at /admin/ (same origin as /api/v1); `npm run dev` proxies the API to a local stack.
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: { outDir: 'dist', chunkSizeWarningLimit: 2048 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
