import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress';

// The dev server proxies the API and the socket to `npm start` on 8080.
export default defineConfig({
  plugins: [react(), precompress()],
  // Cornerstone's image loader finds its decode worker and wasm codecs beside its own files, so
  // it must not be pre-bundled; its CommonJS codec wrappers must be.
  optimizeDeps: {
    exclude: ['@cornerstonejs/dicom-image-loader'],
    include: [
      'dicom-parser',
      '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs',
      '@cornerstonejs/codec-charls/decodewasmjs',
      '@cornerstonejs/codec-openjpeg/decodewasmjs',
      '@cornerstonejs/codec-openjph/wasmjs',
      '@cornerstonejs/codec-libjxl/decodewasmjs',
    ],
  },
  worker: { format: 'es' },
  // The viewer chunk is large by nature (Cornerstone + vtk.js) and loads only when opened.
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 4000 },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/socket.io': { target: 'http://127.0.0.1:8080', ws: true },
      '/dicom-web': 'http://127.0.0.1:8080',
    },
  },
});
