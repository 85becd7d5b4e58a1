import { defineConfig, devices } from '@playwright/test';

// End-to-end tests run against the built static site (`npm run build` first; `npm test` does it),
// served by `vite preview`, in Debian's Chromium: browsers cannot be downloaded on this machine.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.E2E_PORT ?? 4173);
// Several people may run Playwright at once in one checkout; give each run its own artifacts folder
// (workers inherit the environment, so they agree on it).
process.env.PW_RUN_ID ??= String(Date.now());

export default defineConfig({
  testDir: 'e2e',
  // The base-path spec needs its own build; playwright.base.config.ts runs it.
  testIgnore: process.env.BASE_PATH ? undefined : ['**/base-path.spec.ts'],
  testMatch: process.env.BASE_PATH ? ['**/base-path.spec.ts'] : undefined,
  outputDir: `test-results/run-${process.env.PW_RUN_ID}`,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}${(process.env.BASE_PATH ?? '/').replace(/\/?$/, '/')}`,
    trace: 'retain-on-failure',
    // The book registers a service worker after load that precaches every page and asset (~6 MB).
    // In a suite that opens hundreds of fresh contexts that is pure load, and requests a service worker
    // answers never reach page.route. Blocked everywhere; e2e/chrome-offline.spec.ts allows it.
    serviceWorkers: 'block',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: chromium,
          args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
  ],
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1 --outDir ${process.env.OUT_DIR ?? 'dist'}`,
    url: `http://127.0.0.1:${port}${(process.env.BASE_PATH ?? '/').replace(/\/?$/, '/')}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
