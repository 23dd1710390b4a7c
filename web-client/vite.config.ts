/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server proxies the core's routes, so the app talks to "its own origin" exactly as it
// does behind NGINX in docker compose. CORE_URL points at a running core (default: local platform).
const coreUrl = process.env.CORE_URL ?? 'http://127.0.0.1:8000';
const coreRoutes = ['/home', '/user/', '/widget/', '/stream/', '/cache/', '/dev/'];

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: Object.fromEntries(coreRoutes.map((route) => [route, { target: coreUrl, changeOrigin: true }])),
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    proxy: Object.fromEntries(coreRoutes.map((route) => [route, { target: coreUrl, changeOrigin: true }])),
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
