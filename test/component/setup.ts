import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// these tests drive the real composed services (files, watchers, HTTP on 127.0.0.1): on a loaded
// machine an answer can take longer than Testing Library's default second to show up
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
});
