/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server proxies the core's routes, so the app talks to "its own origin" exactly as it
// does behind NGINX in docker compose. CORE_URL points at a running core (default: local platform);
// IMAGES_URL at whatever serves /images/{key}/... (the CDN or a product; default: CORE_URL).
const coreUrl = process.env.CORE_URL ?? 'http://127.0.0.1:8000';
const imagesUrl = process.env.IMAGES_URL ?? coreUrl;
// /dev/ (demo sign-in) exists only here and on the local platform; the production image has no such route.
const coreRoutes = ['/home', '/user/', '/widget/', '/stream/', '/dev/'];
const proxy = {
  ...Object.fromEntries(coreRoutes.map((route) => [route, { target: coreUrl, changeOrigin: true }])),
  '/images/': { target: imagesUrl, changeOrigin: true },
};

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy,
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    proxy,
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
