import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const api = process.env.GUANXI_API ?? 'http://localhost:3000';

/** The staff web app: sources in web/, built into dist/web, which the server serves at /. */
export default defineConfig({
  root: here('./web'),
  base: '/',
  plugins: [react()],
  publicDir: here('./web/public'),
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    // Lets scripts/web-bundle-report.js add up what each page loads.
    manifest: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    reportCompressedSize: true,
    rollupOptions: {
      output: {
        // Libraries change less often than pages: keep them in their own long-cached files.
        manualChunks(id: string) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(react|react-dom|scheduler|react-router)\//.test(id)) return 'react';
          if (/node_modules\/(i18next|react-i18next|@tanstack)\//.test(id)) return 'libs';
          // Charts load after the figures, whichever page first needs them.
          if (/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/health': { target: api },
    },
  },
});
