import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests that start `leave-a-reply` as a process run the built server: build it first.
    globalSetup: ['tests/helpers/build-once.ts'],
  },
});
